package io.livetodo.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.Cookie;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real headless Chromium (Debian's, at {@code /usr/bin/chromium} unless the system property
 * {@code livetodo.chromium} says otherwise), driven by Playwright. Each test opens its own
 * contexts (separate cookie jars, as separate people); when a test fails, a screenshot of every
 * page it opened is saved under {@code target/screenshots/}.
 */
public final class Browser implements AfterEachCallback {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final List<String> ARGS = List.of(
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
            "--disable-quic");

    private static Playwright playwright;
    private static com.microsoft.playwright.Browser chromium;
    private final List<BrowserContext> contexts = new ArrayList<>();

    /** A new person's browser window, its pages resolving paths against {@code base}. */
    public Page open(String base) {
        return open(base, 1024, 768);
    }

    public Page open(String base, int width, int height) {
        BrowserContext context = chromium()
                .newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                        .setBaseURL(base)
                        .setViewportSize(width, height));
        context.setDefaultTimeout(10_000);
        contexts.add(context);
        return context.newPage();
    }

    /**
     * A browser of its own keeping its profile (cookies, IndexedDB, service workers, caches) in
     * {@code profile}: closing its context ends the browser, and opening the same profile again is
     * the same person's browser restarted.
     */
    public BrowserContext openProfile(Path profile, String base) {
        chromium();
        BrowserContext context = playwright
                .chromium()
                .launchPersistentContext(
                        profile,
                        new BrowserType.LaunchPersistentContextOptions()
                                .setExecutablePath(executable())
                                .setHeadless(true)
                                .setArgs(ARGS)
                                .setBaseURL(base)
                                .setViewportSize(1024, 768));
        context.setDefaultTimeout(10_000);
        contexts.add(context);
        return context;
    }

    /** Logs a browser in as a user who already has a session token, as the log-in form would. */
    public static void logIn(BrowserContext context, String base, String token) {
        // Kept across a browser restart, as the log-in form's cookie (which has a Max-Age) is.
        double inAnHour = System.currentTimeMillis() / 1000.0 + 3600;
        context.addCookies(List.of(
                new Cookie("session", token).setUrl(base).setHttpOnly(true).setExpires(inAnHour)));
    }

    private static Path executable() {
        return Path.of(System.getProperty("livetodo.chromium", "/usr/bin/chromium"));
    }

    private static synchronized com.microsoft.playwright.Browser chromium() {
        if (chromium == null) {
            // The browser is Debian's: Playwright must not try to download its own.
            playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            chromium = playwright
                    .chromium()
                    .launch(new BrowserType.LaunchOptions()
                            .setExecutablePath(executable())
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
                        String name = test.getRequiredTestClass().getSimpleName() + "-"
                                + test.getRequiredTestMethod().getName() + "-" + (++n) + ".png";
                        page.screenshot(new Page.ScreenshotOptions()
                                .setPath(SCREENSHOTS.resolve(name))
                                .setFullPage(true));
                    }
                }
            }
        } finally {
            contexts.forEach(BrowserContext::close);
            contexts.clear();
        }
    }
}
