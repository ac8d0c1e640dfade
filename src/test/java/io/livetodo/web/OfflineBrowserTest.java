package io.livetodo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.livetodo.support.Api.User;
import io.livetodo.support.Browser;
import io.livetodo.support.FlakyProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A list's page without a network: the browser reaches the service through a relay the test cuts
 * (Playwright's offline switch alone does not reach a service worker's own requests), so the
 * pages, the script and the outbox are tried as a phone in a tunnel would try them. The page
 * script and the service worker are static files, the same in the packaged jar, so this suite
 * runs once.
 */
@QuarkusTest
class OfflineBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    private FlakyProxy network;

    @BeforeEach
    void openNetwork() {
        network = new FlakyProxy(RestAssured.port);
    }

    @AfterEach
    void closeNetwork() {
        network.close();
    }

    /** The service as this browser reaches it: through the relay it loses when "offline". */
    private String base() {
        return "http://127.0.0.1:" + network.port();
    }

    @Test
    void editsMadeOfflineSurviveAReloadAndArriveOnceWhenBackOnline() {
        User alice = newUser();
        User bob = newUser();
        long list = sharedList(alice, bob, "Trip");
        createTodo(alice, list, "Tent");
        createTodo(alice, list, "Map");
        Page alicePage = openList(browser.open(base()), base(), alice, list);
        Page bobPage = openList(browser.open(BrowserTest.base()), BrowserTest.base(), bob, list);
        // A change the page learned live, after the copy of the page was kept, is part of what it shows offline.
        createTodo(bob, list, "Torch");
        assertThat(todo(alicePage, "Torch")).isVisible();
        await().until(() -> (Boolean) alicePage.evaluate(
                "list => new Promise(done => {"
                        + " const db = indexedDB.open('livetodo-' + document.getElementById('main').dataset.user);"
                        + " db.onsuccess = () => { const get = db.result.transaction('lists').objectStore('lists').get(list);"
                        + " get.onsuccess = () => { done(get.result?.todos.some(todo => todo.name === 'Torch') === true); db.result.close(); }; }; })",
                (int) list));
        long before = listVersion(bob, list);

        goOffline(alicePage);
        alicePage.getByLabel("New todo").fill("Stove");
        alicePage.getByLabel("New todo").press("Enter");
        todo(alicePage, "Tent").locator(".tick-button").click();
        todo(alicePage, "Map")
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Delete: Map"))
                .click();
        assertOfflineEdits(alicePage);

        alicePage.reload();
        assertOfflineEdits(alicePage);
        alicePage.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("offline.png")));
        assertThat(listVersion(bob, list)).isEqualTo(before);
        assertThat(todo(bobPage, "Stove")).hasCount(0);

        goOnline(alicePage);
        assertThat(todo(bobPage, "Stove")).isVisible();
        assertThat(todo(bobPage, "Tent").locator(".tick-button")).hasAttribute("aria-pressed", "true");
        assertThat(todo(bobPage, "Map")).hasCount(0);
        assertThat(alicePage.locator("#waiting")).isHidden();
        waitUntilLive(alicePage);
        // Exactly these three changes, each once, whatever was retried on the way.
        JsonPath changes = as(bob).get("/lists/" + list + "/changes?after=" + before)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(changes.getList("type")).containsExactlyInAnyOrder("todo.created", "todo.updated", "todo.deleted");
        assertThat(changes.getList("by")).containsOnly(alice.name());
        assertThat(bobPage.locator("#activity > li").filter(new Locator.FilterOptions().setHasText("added “Stove”")))
                .hasCount(1);
    }

    @Test
    void aConflictIsShownNextToItsTodoAndResolvedEitherWay() {
        User alice = newUser();
        User bob = newUser();
        long list = sharedList(alice, bob, "Camp");
        long tent = createTodo(alice, list, "Tent");
        createTodo(alice, list, "Rope");
        Page alicePage = openList(browser.open(base()), base(), alice, list);

        // A name field that has the focus but was not typed in follows a rename, and leaving it sends nothing back.
        Locator tentName = alicePage.locator("#todos > li[data-id='" + tent + "'] .todo-name");
        tentName.focus();
        as(bob).body("{\"name\": \"Tent (big)\"}")
                .patch("/todos/" + tent)
                .then()
                .statusCode(204);
        assertThat(tentName).hasValue("Tent (big)");
        alicePage.keyboard().press("Tab");
        assertThat(alicePage.locator("#waiting")).isHidden();

        goOffline(alicePage);
        rename(todo(alicePage, "Tent (big)"), "Big tent");
        todo(alicePage, "Rope").locator(".tick-button").click();
        assertThat(alicePage.locator("#waiting")).hasText("2 edits waiting to be sent");
        as(bob).body("{\"name\": \"Red tent\"}").patch("/todos/" + tent).then().statusCode(204);
        long rope = as(bob).get("/lists/" + list + "/todos/")
                .then()
                .extract()
                .jsonPath()
                .getLong("find { it.name == 'Rope' }.id");
        as(bob).delete("/todos/" + rope).then().statusCode(204);

        goOnline(alicePage);
        Locator changed = alicePage.locator("#todos > li[data-id='" + tent + "']");
        assertThat(changed.locator(".conflict")).containsText("Someone else changed this todo");
        assertThat(changed.locator(".todo-name")).hasValue("Red tent");
        Locator deleted = alicePage.locator("#todos > li[data-id='" + rope + "']");
        assertThat(deleted.locator(".conflict")).containsText("Someone else deleted this todo");
        assertThat(alicePage.locator("#waiting")).hasText("2 edits waiting to be sent, 2 need your choice");

        changed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep mine: Red tent"))
                .click();
        await().untilAsserted(() -> as(bob).get("/todos/" + tent).then().body("name", equalTo("Big tent")));
        assertThat(changed.locator(".todo-name")).hasValue("Big tent");
        assertThat(changed.locator(".conflict")).hasCount(0);

        deleted.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Take theirs: Rope"))
                .click();
        assertThat(todo(alicePage, "Rope")).hasCount(0);
        assertThat(alicePage.locator("#waiting")).isHidden();
        assertThat(alicePage.getByLabel("New todo")).isFocused();
        as(bob).get("/lists/" + list + "/todos/").then().body("name", equalTo(List.of("Big tent")));
    }

    @Test
    void movesMadeOfflineShowAtOnceSurviveAReloadAndAreSentBackOnlineAMoveOfADeletedTodoAsksFirst() {
        User alice = newUser();
        User bob = newUser();
        long list = sharedList(alice, bob, "Packing");
        createTodo(alice, list, "Boots");
        long socks = createTodo(alice, list, "Socks");
        createTodo(alice, list, "Hat");
        Page page = openList(browser.open(base()), base(), alice, list);

        goOffline(page);
        todo(page, "Hat").locator(".todo-name").press("Alt+ArrowUp");
        todo(page, "Hat").locator(".todo-name").press("Alt+ArrowUp");
        todo(page, "Socks").locator(".todo-name").press("Alt+ArrowUp");
        assertOfflineMoves(page);
        page.reload();
        assertOfflineMoves(page);
        as(bob).get("/lists/" + list + "/todos/").then().body("name", equalTo(List.of("Boots", "Socks", "Hat")));
        as(bob).delete("/todos/" + socks).then().statusCode(204);

        goOnline(page);
        assertThat(page.locator("#conflicts")).containsText("Someone else deleted “Socks” while your move waited.");
        assertThat(page.locator("#waiting")).hasText("1 edit waiting to be sent, 1 needs your choice");
        as(bob).get("/lists/" + list + "/todos/").then().body("name", equalTo(List.of("Hat", "Boots")));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Discard my edit"))
                .click();
        assertThat(page.locator("#conflicts > li")).hasCount(0);
        assertThat(page.locator("#waiting")).isHidden();
        assertThat(page.locator("#todos .todo-name")).hasCount(2);
        assertThat(namesOnPage(page)).containsExactly("Hat", "Boots");
        page.reload();
        waitUntilLive(page);
        assertThat(namesOnPage(page)).containsExactly("Hat", "Boots");
    }

    private static void assertOfflineMoves(Page page) {
        assertThat(todo(page, "Hat")).hasClass(Pattern.compile("\\bwaiting\\b"));
        assertThat(todo(page, "Socks")).hasClass(Pattern.compile("\\bwaiting\\b"));
        assertThat(todo(page, "Boots")).not().hasClass(Pattern.compile("\\bwaiting\\b"));
        assertThat(page.locator("#waiting")).hasText("3 edits waiting to be sent");
        assertThat(namesOnPage(page)).containsExactly("Hat", "Socks", "Boots");
    }

    @SuppressWarnings("unchecked")
    private static List<String> namesOnPage(Page page) {
        return (List<String>) page.locator("#todos .todo-name").evaluateAll("names => names.map(name => name.value)");
    }

    @Test
    void detailsEditedOfflineShowAtOnceSurviveAReloadAndAreSentBackOnlineAChangedTodoAsksFirst() {
        User alice = newUser();
        User bob = newUser();
        long list = sharedList(alice, bob, "Garden");
        long seeds = createTodo(alice, list, "Seeds");
        long hose = createTodo(alice, list, "Hose");
        Page alicePage = openList(browser.open(base()), base(), alice, list);

        goOffline(alicePage);
        Locator seedsRow = todo(alicePage, "Seeds");
        seedsRow.locator("summary").click();
        seedsRow.getByLabel("Due date").fill("2026-12-24");
        seedsRow.getByLabel("Assigned to").selectOption(bob.name());
        seedsRow.getByLabel("Notes").fill("Tomatoes");
        saveDetails(seedsRow);
        Locator hoseRow = todo(alicePage, "Hose");
        hoseRow.locator("summary").click();
        hoseRow.getByLabel("Notes").fill("Fix the leak");
        saveDetails(hoseRow);
        assertThat(seedsRow).hasClass(Pattern.compile("\\bwaiting\\b"));
        assertThat(alicePage.locator("#waiting")).hasText("2 edits waiting to be sent");
        as(bob).body("{\"notes\": \"A new hose\"}")
                .patch("/todos/" + hose)
                .then()
                .statusCode(204);

        alicePage.reload();
        assertThat(seedsRow.locator(".todo-meta .due")).hasText("due 2026-12-24");
        assertThat(seedsRow.locator(".todo-meta .assignee")).hasText("for " + bob.name());
        assertThat(hoseRow.getByLabel("Notes")).hasValue("Fix the leak");

        goOnline(alicePage);
        await().untilAsserted(() -> as(bob).get("/todos/" + seeds)
                .then()
                .body("due.date", equalTo("2026-12-24"))
                .body("assignee", equalTo(bob.name()))
                .body("notes", equalTo("Tomatoes")));
        assertThat(hoseRow.locator(".conflict")).containsText("Someone else changed this todo");
        assertThat(hoseRow.getByLabel("Notes")).hasValue("A new hose");
        hoseRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Keep mine: Hose"))
                .click();
        await().untilAsserted(() -> as(bob).get("/todos/" + hose).then().body("notes", equalTo("Fix the leak")));
        assertThat(hoseRow.locator(".conflict")).hasCount(0);
        assertThat(alicePage.locator("#waiting")).isHidden();
    }

    @Test
    void editsWaitingWhenTheUserIsMadeAViewerAreNotSentAndThePageSaysSo() {
        User owner = newUser();
        User alice = newUser();
        long list = sharedList(owner, alice, "Shed");
        createTodo(owner, list, "Saw");
        Page alicePage = openList(browser.open(base()), base(), alice, list);

        goOffline(alicePage);
        rename(todo(alicePage, "Saw"), "Big saw");
        alicePage.getByLabel("New todo").fill("Hammer");
        alicePage.getByLabel("New todo").press("Enter");
        assertThat(alicePage.locator("#waiting")).hasText("2 edits waiting to be sent");
        as(owner)
                .body("{\"role\": \"viewer\"}")
                .put("/lists/" + list + "/members/" + alice.name())
                .then()
                .statusCode(204);

        goOnline(alicePage);
        assertThat(alicePage.locator("#dropped"))
                .hasText("2 edits you made were not sent: you can now only view this list.");
        assertThat(alicePage.getByLabel("New todo")).hasCount(0);
        as(owner).get("/lists/" + list + "/todos/").then().body("name", equalTo(List.of("Saw")));
        alicePage.reload();
        assertThat(alicePage.locator("#dropped")).isHidden();
    }

    private static void saveDetails(Locator row) {
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save details"))
                .click();
    }

    @Test
    void theOutboxOutlivesTheBrowserAndLoggingOutEmptiesIt() throws Exception {
        User alice = newUser();
        long list = createList(alice, "Errands");
        Path profile = Files.createTempDirectory("livetodo-profile");
        try {
            BrowserContext first = browser.openProfile(profile, base());
            Page page = openList(first.pages().get(0), base(), alice, list);
            goOffline(page);
            page.getByLabel("New todo").fill("Post a letter");
            page.getByLabel("New todo").press("Enter");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Mark all finished"))
                    .click();
            assertThat(page.locator("#waiting")).hasText("2 edits waiting to be sent");
            first.close();

            BrowserContext again = browser.openProfile(profile, base());
            again.setOffline(true);
            page = again.pages().get(0);
            page.navigate("/app/lists/" + list);
            assertThat(todo(page, "Post a letter")).hasClass(Pattern.compile("\\bwaiting\\b"));
            assertThat(todo(page, "Post a letter")).hasClass(Pattern.compile("\\bdone\\b"));
            assertThat(page.locator("#waiting")).hasText("2 edits waiting to be sent");
            goOnline(page);
            assertThat(page.locator("#waiting")).isHidden();
            as(alice)
                    .get("/lists/" + list + "/todos/")
                    .then()
                    .body("name", equalTo(List.of("Post a letter")))
                    .body("finished", equalTo(List.of(true)));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))
                    .click();
            assertThat(page.locator("#login-username")).isVisible();
            // A deletion the old page's last requests still held up completes once they are done.
            page.waitForFunction(
                    "async () => (await caches.keys()).length === 0"
                            + " && !(await indexedDB.databases()).some(db => db.name.startsWith('livetodo'))",
                    null,
                    new Page.WaitForFunctionOptions().setTimeout(5_000));
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /**
     * SPEC §6a: the service remembers an Idempotency-Key for a day. An edit that waited longer may
     * have been done already with its answer lost; clearing the finished todos two days later
     * would clear what others finished since. It waits for the user's choice instead.
     */
    @Test
    void anEditThatWaitedLongerThanTheServiceRemembersKeysIsNotSentBlindly() {
        User alice = newUser();
        User bob = newUser();
        long list = sharedList(alice, bob, "Old edits");
        long bread = createTodo(bob, list, "Bread");
        long tent = createTodo(alice, list, "Tent");
        as(alice).body("{\"finished\": true}").patch("/todos/" + tent).then().statusCode(204);
        Page page = openList(browser.open(base()), base(), alice, list);
        goOffline(page);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Clear finished"))
                .click();
        assertThat(page.locator("#waiting")).hasText("1 edit waiting to be sent");
        assertThat(page.evaluate(AGE_THE_OUTBOX_TWO_DAYS)).isEqualTo(1);
        page.reload();
        assertThat(page.locator("#waiting")).hasText("1 edit waiting to be sent");
        as(bob).body("{\"finished\": true}").patch("/todos/" + bread).then().statusCode(204);

        goOnline(page);
        assertThat(page.locator("#conflicts")).containsText("waited more than a day");
        assertThat(page.locator("#waiting")).containsText("needs your choice");
        as(bob).get("/lists/" + list + "/todos/").then().body("name", equalTo(List.of("Bread", "Tent")));

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Do it now"))
                .click();
        assertThat(page.locator("#waiting")).isHidden();
        as(bob).get("/lists/" + list + "/todos/").then().body("name", equalTo(List.of()));
    }

    /** SPEC §6a: logging out never discards waiting edits before the log-out has succeeded. */
    @Test
    void loggingOutWithoutANetworkKeepsTheWaitingEdits() {
        User alice = newUser();
        long list = createList(alice, "Kept");
        Page page = openList(browser.open(base()), base(), alice, list);
        goOffline(page);
        page.getByLabel("New todo").fill("Buy stamps");
        page.getByLabel("New todo").press("Enter");
        assertThat(page.locator("#waiting")).hasText("1 edit waiting to be sent");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))
                .click();
        assertThat(page.locator(".logout .form-error")).containsText("offline");
        assertThat(page.locator("#waiting")).hasText("1 edit waiting to be sent");

        goOnline(page);
        assertThat(page.locator("#waiting")).isHidden();
        as(alice).get("/lists/" + list + "/todos/").then().body("name", equalTo(List.of("Buy stamps")));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out"))
                .click();
        assertThat(page.locator("#login-username")).isVisible();
    }

    /** A page the service now sends elsewhere (the session ended on another device) is not kept to be shown offline. */
    @Test
    void aPageOfASessionEndedElsewhereIsNotShownOffline() {
        User alice = newUser();
        long list = createList(alice, "Private");
        Page page = openList(browser.open(base()), base(), alice, list);
        as(alice).delete("/user").then().statusCode(200);
        assertThat(page.locator("#login-username")).isVisible();
        page.navigate("/app/lists/" + list);
        assertThat(page.locator("#login-username")).isVisible();

        network.cut();
        page.context().setOffline(true);
        page.navigate("/app/lists/" + list);
        assertThat(page.locator("h1")).hasText("You are offline");
        assertThat(page.locator("#todos")).hasCount(0);
    }

    /** Makes every edit in the page's outbox two days old, as the page tells their age; answers how many. */
    private static final String AGE_THE_OUTBOX_TWO_DAYS = """
            () => new Promise(done => {
              const opening = indexedDB.open('livetodo-' + document.getElementById('main').dataset.user);
              opening.onsuccess = () => {
                const transaction = opening.result.transaction('edits', 'readwrite');
                const edits = transaction.objectStore('edits');
                const all = edits.getAll();
                all.onsuccess = () => all.result.forEach(edit => edits.put({ ...edit, made: Date.now() - 2 * 24 * 3600 * 1000 }));
                transaction.oncomplete = () => { opening.result.close(); done(all.result.length); };
              };
            })""";

    private static long sharedList(User owner, User member, String name) {
        long list = createList(owner, name);
        share(owner, list, member);
        return list;
    }

    /** Opens a list's page as the user, once the service worker keeps it for offline use. */
    private static Page openList(Page page, String base, User user, long list) {
        Browser.logIn(page.context(), base, user.token());
        page.navigate("/app/lists/" + list);
        waitUntilLive(page);
        // Evaluated, not waited for with waitForFunction, which does not wait for a promise's value.
        await().until(
                        () -> (Boolean)
                                page.evaluate(
                                        "async () => navigator.serviceWorker.controller !== null && (await caches.match(location.href, { ignoreVary: true })) !== undefined"));
        return page;
    }

    private void goOffline(Page page) {
        network.cut();
        page.context().setOffline(true);
        assertThat(page.locator("#live-status")).hasAttribute("data-state", "down");
    }

    private void goOnline(Page page) {
        network.restore();
        page.context().setOffline(false);
    }

    private static void assertOfflineEdits(Page page) {
        assertThat(todo(page, "Stove")).hasClass(Pattern.compile("\\bwaiting\\b"));
        assertThat(todo(page, "Tent").locator(".tick-button")).hasAttribute("aria-pressed", "true");
        assertThat(todo(page, "Map")).hasCount(0);
        assertThat(todo(page, "Torch")).isVisible();
        assertThat(page.locator("#waiting")).hasText("3 edits waiting to be sent");
        assertThat(page.locator("#left")).hasText("2 items left");
    }

    private static void rename(Locator row, String name) {
        row.locator(".todo-name").fill(name);
        row.locator(".todo-name").press("Enter");
    }

    private static long listVersion(User user, long list) {
        return as(user).get("/lists/" + list)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
    }

    private static void waitUntilLive(Page page) {
        assertThat(page.locator("#live-status")).hasAttribute("data-state", "live");
    }

    private static Locator todo(Page page, String name) {
        return page.locator("#todos > li")
                .filter(new Locator.FilterOptions().setHas(page.locator(".todo-name[value=\"" + name + "\"]")));
    }
}
