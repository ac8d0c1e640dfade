package io.livetodo.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * A real headless Chromium (Debian's, at {@code /usr/bin/chromium} unless the system property
 * {@code livetodo.chromium} says otherwise), driven by Playwright. Each test opens its own
 * contexts (separate cookie jars, as separate people); when a test fails, a screenshot of every
 * page it opened is saved under {@code target/screenshots/}.
 */
public final class Browser implements AfterEachCallback {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic");

    private static Playwright playwright;
    private static com.microsoft.playwright.Browser chromium;
    private final List<BrowserContext> contexts = new ArrayList<>();

    /** A new person's browser window, its pages resolving paths against {@code base}. */
    public Page open(String base) {
        return open(base, 1024, 768);
    }

    public Page open(String base, int width, int height) {
        BrowserContext context = chromium().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(base)
                .setViewportSize(width, height));
        context.setDefaultTimeout(10_000);
        contexts.add(context);
        return context.newPage();
    }

    private static synchronized com.microsoft.playwright.Browser chromium() {
        if (chromium == null) {
            // The browser is Debian's: Playwright must not try to download its own.
            playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(Path.of(System.getProperty("livetodo.chromium", "/usr/bin/chromium")))
                    .setHeadless(true)
                    .setArgs(ARGS));
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close));
        }
        return chromium;
    }

    @Override
    public void afterEach(ExtensionContext test) throws Exception {
        try {
            if (test.getExecutionException().isPresent()) {
                Files.createDirectories(SCREENSHOTS);
                int n = 0;
                for (BrowserContext context : contexts) {
                    for (Page page : context.pages()) {
                        String name = test.getRequiredTestClass().getSimpleName() + "-" + test.getRequiredTestMethod().getName() + "-" + (++n) + ".png";
                        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name)).setFullPage(true));
                    }
                }
            }
        } finally {
            contexts.forEach(BrowserContext::close);
            contexts.clear();
        }
    }
}
