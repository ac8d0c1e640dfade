package io.livetodo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Position;
import com.sun.net.httpserver.HttpServer;
import io.livetodo.support.Api;
import io.livetodo.support.Api.User;
import io.livetodo.support.Browser;
import io.livetodo.support.FlakyProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pages as people use them: a real headless Chromium against the running service. */
@QuarkusTest
class BrowserTest {

    /**
     * Tests of the page script's and style's own behaviour: the same files are in the jar, so
     * BrowserIT, which reruns the rest against it, leaves these out.
     */
    static final String JVM_ONLY = "jvm-only";

    @RegisterExtension
    Browser browser = new Browser();

    static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    @Test
    void registerLogInAndWorkOnTodosWithTheKeyboard() {
        Page page = browser.open(base());
        String name = Api.uniqueName("web");
        register(page, name);
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your lists")))
                .isVisible();

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))
                .click();
        assertThat(page.locator("#login-username")).isVisible();
        logIn(page, name);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Todos"))
                .click();
        waitUntilLive(page);

        page.getByLabel("New todo").focus();
        page.keyboard().type("Buy bread");
        page.keyboard().press("Enter");
        assertThat(todo(page, "Buy bread")).isVisible();
        // A new todo's row takes the todo's number once the server has answered.
        assertThat(todo(page, "Buy bread")).hasAttribute("data-id", Pattern.compile("^\\d+$"));
        Locator row =
                page.locator("#todos > li[data-id='" + todo(page, "Buy bread").getAttribute("data-id") + "']");
        assertThat(page.getByLabel("New todo")).hasValue("");

        row.locator(".tick-button").focus();
        page.keyboard().press("Space");
        assertThat(row.locator(".tick-button")).hasAttribute("aria-pressed", "true");
        assertThat(row).hasClass(Pattern.compile("\\bdone\\b"));
        page.keyboard().press("Space");
        assertThat(row.locator(".tick-button")).hasAttribute("aria-pressed", "false");
        assertThat(row).not().hasClass(Pattern.compile("\\bdone\\b"));
        page.keyboard().press("Space");
        assertThat(row.locator(".tick-button")).hasAttribute("aria-pressed", "true");

        row.locator(".todo-name").fill("Buy rye bread");
        row.locator(".todo-name").press("Enter");
        assertThat(row.locator(".tick-button")).hasAttribute("aria-label", "Done: Buy rye bread");
        row.locator(".todo-name").fill("Buy cake");
        row.locator(".todo-name").press("Escape");
        assertThat(row.locator(".todo-name")).hasValue("Buy rye bread");
        row.locator(".todo-name").fill("Buy brown bread");
        page.keyboard().press("Tab");
        assertThat(row.locator(".tick-button")).hasAttribute("aria-label", "Done: Buy brown bread");
        row.locator(".todo-name").fill("Buy rye bread");
        page.keyboard().press("Tab");
        assertThat(row.locator(".tick-button")).hasAttribute("aria-label", "Done: Buy rye bread");
        // The names above show at once; a reload with edits still on their way is OfflineBrowserTest's subject.
        assertThat(row).not().hasClass(Pattern.compile("\\bwaiting\\b"));

        page.reload();
        waitUntilLive(page);
        Locator renamed = todo(page, "Buy rye bread");
        assertThat(renamed.locator(".tick-button")).hasAttribute("aria-pressed", "true");
        renamed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete: Buy rye bread"))
                .focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("#todos > li")).hasCount(0);
        assertThat(page.getByLabel("New todo")).isFocused();

        page.reload();
        assertThat(page.locator("#todos > li")).hasCount(0);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))
                .click();
        assertThat(page.locator("#login-username")).isVisible();
        page.navigate("/");
        assertThat(page.locator("#login-username")).isVisible();
    }

    @Test
    void aSharedListShowsTheOtherUsersChangesLiveAndOwnChangesOnce() throws IOException {
        User bob = newUser();
        Page alice = browser.open(base());
        String aliceName = Api.uniqueName("alice");
        register(alice, aliceName);
        Page bobPage = browser.open(base());
        logIn(bobPage, bob.name());
        waitUntilLive(bobPage);

        alice.getByLabel("New list").fill("Groceries");
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create"))
                .click();
        assertThat(alice.locator("#list-name")).hasText("Groceries");
        waitUntilLive(alice);
        alice.getByLabel("Share with (username)").fill(bob.name());
        alice.getByLabel("Share with (username)").press("Enter");
        assertThat(alice.locator("#members")).containsText(bob.name());

        Locator sharedLink = bobPage.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Groceries"));
        assertThat(sharedLink).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
        sharedLink.click();
        waitUntilLive(bobPage);

        for (String item : List.of("Milk", "Eggs", "Apples")) {
            alice.getByLabel("New todo").fill(item);
            alice.getByLabel("New todo").press("Enter");
            assertThat(todo(alice, item)).isVisible();
            assertThat(todo(bobPage, item)).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
        }
        todo(bobPage, "Eggs").locator(".tick-button").click();
        assertThat(todo(alice, "Eggs").locator(".tick-button"))
                .hasAttribute("aria-pressed", "true", new LocatorAssertions.HasAttributeOptions().setTimeout(1000));
        assertThat(alice.locator("#presence")).hasText("Also here: " + bob.name());
        assertThat(bobPage.locator("#presence")).hasText("Also here: " + aliceName);
        assertThat(alice.locator("#activity > li").first()).containsText(bob.name() + " ticked “Eggs”");
        assertThat(bobPage.locator("#activity")).containsText(aliceName + " shared the list with " + bob.name());
        assertThat(bobPage.locator("#activity")).containsText(aliceName + " added “Apples”");

        alice.waitForTimeout(500);
        assertThat(alice.locator("#todos > li")).hasCount(3);
        assertThat(bobPage.locator("#todos > li")).hasCount(3);
        Files.createDirectories(Browser.SCREENSHOTS);
        alice.screenshot(new Page.ScreenshotOptions()
                .setPath(Browser.SCREENSHOTS.resolve("list-page.png"))
                .setFullPage(true));

        alice.locator("#list-rename").fill("Weekly groceries");
        alice.locator("#list-rename").press("Enter");
        assertThat(bobPage.locator("#list-name"))
                .hasText("Weekly groceries", new LocatorAssertions.HasTextOptions().setTimeout(1000));

        User carol = newUser();
        long groceries = Long.parseLong(alice.locator("#main").getAttribute("data-list"));
        Api.share(userOf(alice, aliceName), groceries, carol);
        assertThat(alice.locator("#members")).containsText(carol.name());
        alice.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove " + carol.name()))
                .click();
        assertThat(alice.locator("#members")).not().containsText(carol.name());
        as(carol).get("/lists/" + groceries).then().statusCode(404);

        bobPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Leave this list"))
                .click();
        bobPage.waitForURL(base() + "/");
        assertThat(alice.locator("#members")).not().containsText(bob.name());
    }

    /** The API user behind a browser's session cookie, for making changes around the page. */
    private static User userOf(Page page, String name) {
        String token = page.context().cookies().stream()
                .filter(c -> c.name.equals("session"))
                .findFirst()
                .orElseThrow()
                .value;
        return new User(name, token);
    }

    @Test
    @Tag(JVM_ONLY)
    void theFrontPageFollowsListsMadeRenamedAndDeletedInAnotherTab() {
        User hana = newUser();
        Page front = browser.open(base());
        logIn(front, hana.name());
        waitUntilLive(front);
        Page other = front.context().newPage();
        other.navigate("/");
        other.getByLabel("New list").fill("From the other tab");
        other.getByLabel("New list").press("Enter");
        assertThat(other.locator("#list-name")).hasText("From the other tab");

        Locator link = front.locator("#lists a[href^='/app/lists/']")
                .filter(new Locator.FilterOptions().setHasText("From the other tab"));
        assertThat(link).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(1000));
        waitUntilLive(other);
        other.locator("#list-rename").fill("Renamed in the other tab");
        other.locator("#list-rename").press("Enter");
        assertThat(front.locator("#lists")).containsText("Renamed in the other tab");
        other.onDialog(Dialog::accept);
        other.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete this list"))
                .click();
        other.waitForURL(base() + "/");
        assertThat(front.locator("#lists > li")).hasCount(1);
    }

    @Test
    @Tag(JVM_ONLY)
    void aReconnectedPageCatchesUpOnWhatItMissed() {
        User carol = newUser();
        long list = personalListId(carol);
        createTodo(carol, "Before the outage");
        try (FlakyProxy proxy = new FlakyProxy(RestAssured.port)) {
            Page page = browser.open("http://127.0.0.1:" + proxy.port());
            logIn(page, carol.name());
            page.navigate("/app/lists/" + list);
            waitUntilLive(page);
            page.evaluate("() => { window.sameDocument = true; }");

            proxy.cut();
            assertThat(page.locator("#live-status")).hasAttribute("data-state", "down");
            createTodo(carol, "Missed one");
            long two = createTodo(carol, "Missed two");
            as(carol).body("{\"finished\": true}").patch("/todos/" + two).then().statusCode(204);
            long gone = createTodo(carol, "Made and deleted");
            as(carol).delete("/todos/" + gone).then().statusCode(204);
            proxy.restore();

            waitUntilLive(page);
            assertThat(page.locator("#todos .todo-name")).hasCount(3);
            assertThat(todo(page, "Missed one")).isVisible();
            assertThat(todo(page, "Missed two").locator(".tick-button")).hasAttribute("aria-pressed", "true");
            assertThat(page.evaluate("() => window.sameDocument === true"))
                    .as("caught up without reloading")
                    .isEqualTo(true);
        }
    }

    @Test
    @Tag(JVM_ONLY)
    void todosMovedElsewhereMoveOnThePageLiveAndStayThereOnReload() {
        User carol = newUser();
        long list = personalListId(carol);
        long first = createTodo(carol, "First");
        long second = createTodo(carol, "Second");
        long third = createTodo(carol, "Third");
        Page page = browser.open(base());
        logIn(page, carol.name());
        page.navigate("/app/lists/" + list);
        waitUntilLive(page);

        as(carol)
                .body("{\"after\": null}")
                .post("/todos/" + third + "/move")
                .then()
                .statusCode(200);
        as(carol)
                .body("{\"after\": " + second + "}")
                .post("/todos/" + first + "/move")
                .then()
                .statusCode(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> namesOnPage(page).equals(List.of("Third", "Second", "First")));
        assertThat(page.locator("#activity")).containsText(carol.name() + " moved “First”");

        as(carol)
                .body("{\"name\": \"Third, renamed\"}")
                .patch("/todos/" + third)
                .then()
                .statusCode(204);
        assertThat(todo(page, "Third, renamed")).isVisible();
        assertThat(namesOnPage(page)).containsExactly("Third, renamed", "Second", "First");
        page.reload();
        assertThat(namesOnPage(page)).containsExactly("Third, renamed", "Second", "First");
    }

    @Test
    void todayUpcomingAssignedAndSearchShowWhatIsDueAcrossMyListsAndFollowChanges() {
        User dana = newUser();
        long list = personalListId(dana);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        as(dana).body("{\"name\": \"Water the plants\", \"due\": {\"date\": \"" + today + "\"}}")
                .post("/todos/")
                .then()
                .statusCode(303);
        Page page = browser.open(base());
        logIn(page, dana.name());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Today"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Today")))
                .isVisible();
        assertThat(page.locator(".view-todos")).containsText("Water the plants");
        waitUntilLive(page);

        as(dana).body("{\"name\": \"Post the letter\", \"due\": {\"date\": \"" + today + "\"}}")
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303);
        assertThat(page.locator(".view-todos")).containsText("Post the letter");

        page.getByLabel("Search my todos").fill("letter");
        page.getByLabel("Search my todos").press("Enter");
        assertThat(page.locator(".view-todos li")).hasCount(1);
        assertThat(page.locator(".view-todos")).containsText("Post the letter");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Post the letter"))
                .click();
        assertThat(page).hasURL(Pattern.compile(".*/app/lists/" + list));
    }

    @Test
    @Tag(JVM_ONLY)
    void todosAreMovedByKeyboardAndByDragAndDropAnnouncedAndStayThereOnReload() {
        User kim = newUser();
        long list = personalListId(kim);
        createTodo(kim, "First");
        createTodo(kim, "Second");
        createTodo(kim, "Third");
        Page page = browser.open(base());
        logIn(page, kim.name());
        page.navigate("/app/lists/" + list);
        waitUntilLive(page);

        Locator third = todo(page, "Third").locator(".todo-name");
        third.press("Alt+ArrowUp");
        assertThat(page.locator("#moved")).hasText("Moved “Third” after “First”");
        assertThat(namesOnPage(page)).containsExactly("First", "Third", "Second");
        assertThat(third).isFocused();
        third.press("Alt+ArrowUp");
        assertThat(page.locator("#moved")).hasText("Moved “Third” to the top");
        assertThat(namesOnPage(page)).containsExactly("Third", "First", "Second");
        assertThat(third).isFocused();
        third.press("Alt+ArrowUp");
        assertThat(namesOnPage(page)).containsExactly("Third", "First", "Second");
        todo(page, "First").locator(".todo-name").press("Alt+ArrowDown");
        assertThat(page.locator("#moved")).hasText("Moved “First” after “Second”");
        assertThat(namesOnPage(page)).containsExactly("Third", "Second", "First");

        todo(page, "First")
                .locator(".drag-handle")
                .dragTo(todo(page, "Third"), new Locator.DragToOptions().setTargetPosition(new Position(40, 3)));
        assertThat(page.locator("#moved")).hasText("Moved “First” to the top");
        assertThat(namesOnPage(page)).containsExactly("First", "Third", "Second");
        assertThat(todo(page, "First").locator(".todo-name")).isFocused();
        Locator second = todo(page, "Second");
        second.locator(".drag-handle")
                .dragTo(
                        todo(page, "First"),
                        new Locator.DragToOptions()
                                .setTargetPosition(
                                        new Position(40, todo(page, "First").boundingBox().height - 3)));
        assertThat(page.locator("#moved")).hasText("Moved “Second” after “First”");
        assertThat(namesOnPage(page)).containsExactly("First", "Second", "Third");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> as(kim).get("/lists/" + list + "/todos/")
                        .then()
                        .body("name", equalTo(List.of("First", "Second", "Third"))));
        assertThat(page.locator("#todos > li.waiting")).hasCount(0);
        page.reload();
        waitUntilLive(page);
        assertThat(namesOnPage(page)).containsExactly("First", "Second", "Third");
    }

    @Test
    void twoPeopleReorderingAtOnceEndWithTheServersOrder() {
        User lea = newUser();
        User max = newUser();
        long list = Api.createList(lea, "Chores");
        Api.share(lea, list, max);
        for (String name : List.of("A", "B", "C", "D", "E")) {
            Api.createTodo(lea, list, name);
        }
        Page leaPage = browser.open(base());
        logIn(leaPage, lea.name());
        leaPage.navigate("/app/lists/" + list);
        Page maxPage = browser.open(base());
        logIn(maxPage, max.name());
        maxPage.navigate("/app/lists/" + list);
        waitUntilLive(leaPage);
        waitUntilLive(maxPage);

        Locator e = todo(leaPage, "E").locator(".todo-name");
        Locator a = todo(maxPage, "A").locator(".todo-name");
        for (int i = 0; i < 3; i++) {
            e.press("Alt+ArrowUp");
            a.press("Alt+ArrowDown");
        }
        todo(leaPage, "B").locator(".todo-name").press("Alt+ArrowDown");
        todo(maxPage, "C").locator(".todo-name").press("Alt+ArrowUp");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> server = as(lea).get("/lists/" + list + "/todos/")
                    .then()
                    .extract()
                    .jsonPath()
                    .getList("name", String.class);
            assertThat(namesOnPage(leaPage)).isEqualTo(server);
            assertThat(namesOnPage(maxPage)).isEqualTo(server);
            assertThat(leaPage.locator("#todos > li.waiting")).hasCount(0);
            assertThat(maxPage.locator("#todos > li.waiting")).hasCount(0);
        });
        assertThat(namesOnPage(leaPage)).containsExactlyInAnyOrder("A", "B", "C", "D", "E");
    }

    @SuppressWarnings("unchecked")
    private static List<String> namesOnPage(Page page) {
        return (List<String>) page.locator("#todos .todo-name").evaluateAll("names => names.map(name => name.value)");
    }

    @Test
    void userTextIsShownAsTextNeverRunAsMarkup() {
        User dave = newUser();
        String evil = "\"'><script>window.pwned = 1</script><img src=x onerror=window.pwned=2>";
        long list = as(dave).body(Map.of("name", "<b>" + evil + "</b>"))
                .post("/lists")
                .then()
                .statusCode(201)
                .extract()
                .<Number>path("id")
                .longValue();
        as(dave).body(Map.of("name", evil))
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303);
        Page page = browser.open(base());
        logIn(page, dave.name());
        assertThat(page.locator("#lists")).containsText("<b>" + evil);
        page.navigate("/app/lists/" + list);
        waitUntilLive(page);
        as(dave).body(Map.of("name", evil + " again"))
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303);

        assertThat(page.locator("#todos .todo-name")).hasCount(2);
        assertThat(page.locator("#list-name")).hasText("<b>" + evil + "</b>");
        assertThat(page.locator("#todos .todo-name").first()).hasValue(evil);
        assertThat(page.locator("#todos .todo-name").last()).hasValue(evil + " again");
        assertThat(page.locator("main script, main img, main b")).hasCount(0);
        assertThat(page.evaluate("() => window.pwned === undefined")).isEqualTo(true);
    }

    @Test
    void aFormPostedFromAnotherSiteIsRefused() throws IOException {
        User erin = newUser();
        long list = personalListId(erin);
        String forged = "<!DOCTYPE html><form id=f method=post action=\"" + base() + "/app/lists/" + list + "/todos\">"
                + "<input name=name value=forged><input name=csrf value=guess></form>"
                + "<script>document.getElementById('f').submit()</script>";
        HttpServer attacker = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        attacker.createContext("/", exchange -> {
            byte[] body = forged.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        try {
            Page page = browser.open(base());
            logIn(page, erin.name());
            page.navigate("http://localhost:" + attacker.getAddress().getPort() + "/");
            page.waitForURL("**/app/lists/" + list + "/todos");
            assertThat(page.locator("body")).containsText("other sites");
        } finally {
            attacker.stop(0);
        }
        as(erin).get("/todos/").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void wrongPasswordKeepsTheUsernameAndSaysWhatIsWrong() {
        User frank = newUser();
        Page page = browser.open(base());
        page.navigate("/");
        page.locator("#login-username").fill(frank.name());
        page.locator("#login-password").fill("not the password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong username or password.");
        assertThat(page.locator("#login-username")).hasValue(frank.name());

        page.locator("#register-username").fill("x");
        page.locator("#register-password").fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                .click();
        assertThat(page.locator("#register-username-error")).containsText("must be 3 to 32");
        assertThat(page.locator("#register-password-error")).containsText("must be 8 to 128");
        assertThat(page.locator("#register-username")).hasValue("x");
    }

    @Test
    @Tag(JVM_ONLY)
    void theListPageFitsAPhoneScreen() {
        User gina = newUser();
        createTodo(gina, "A todo with a rather long name that has to wrap somewhere on a small screen");
        Page page = browser.open(base(), 375, 700);
        logIn(page, gina.name());
        page.navigate("/app/lists/" + personalListId(gina));
        waitUntilLive(page);
        assertThat(page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"))
                .isEqualTo(true);
    }

    @Test
    @Tag(JVM_ONLY)
    void filtersTheCountAndBulkActionsWorkByKeyboard() {
        User ivy = newUser();
        createTodo(ivy, "Tea");
        long coffee = createTodo(ivy, "Coffee");
        createTodo(ivy, "Cocoa");
        as(ivy).body("{\"finished\": true}").patch("/todos/" + coffee).then().statusCode(204);
        Page page = browser.open(base());
        logIn(page, ivy.name());
        page.navigate("/app/lists/" + personalListId(ivy));
        waitUntilLive(page);
        assertThat(page.locator("#left")).hasText("2 items left");

        pressEnterOn(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Active")));
        page.waitForURL("**?show=active");
        waitUntilLive(page);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Active")))
                .hasAttribute("aria-current", "page");
        assertThat(todo(page, "Coffee")).isHidden();
        assertThat(todo(page, "Tea")).isVisible();

        pressEnterOn(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark all finished")));
        assertThat(page.locator("#left")).hasText("0 items left");
        assertThat(todo(page, "Tea")).isHidden();

        pressEnterOn(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Completed")));
        page.waitForURL("**?show=completed");
        waitUntilLive(page);
        assertThat(page.locator("#todos > li:visible")).hasCount(3);
        pressEnterOn(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear finished")));
        assertThat(page.locator("#todos > li")).hasCount(0);
        await().untilAsserted(() -> as(ivy).get("/todos/").then().body("size()", equalTo(0)));
    }

    private static void pressEnterOn(Locator target) {
        target.focus();
        target.page().keyboard().press("Enter");
    }

    private static void register(Page page, String name) {
        sendAccountForm(page, "register", "Register", name);
    }

    private static void logIn(Page page, String name) {
        sendAccountForm(page, "login", "Log in", name);
    }

    private static void sendAccountForm(Page page, String form, String button, String name) {
        page.navigate("/");
        page.locator("#" + form + "-username").fill(name);
        page.locator("#" + form + "-password").fill(Api.PASSWORD);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your lists")))
                .isVisible();
    }

    private static void waitUntilLive(Page page) {
        assertThat(page.locator("#live-status")).hasAttribute("data-state", "live");
    }

    private static Locator todo(Page page, String name) {
        return page.locator("#todos > li")
                .filter(new Locator.FilterOptions().setHas(page.locator(".todo-name[value=\"" + name + "\"]")));
    }
}
