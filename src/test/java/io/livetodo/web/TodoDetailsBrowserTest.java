package io.livetodo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.livetodo.support.Api.User;
import io.livetodo.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A todo's due date, assignee and notes as people set them on a list's page, seen live by the list's other members. */
@QuarkusTest
class TodoDetailsBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    @Test
    void detailsSetOnTheListPageShowLiveForTheOtherMemberAndStayOnReload() {
        User ann = newUser();
        User ben = newUser();
        as(ann).body("{\"time_zone\": \"Europe/Paris\"}").patch("/user").then().statusCode(200);
        long list = createList(ann, "Groceries");
        share(ann, list, ben);
        long tea = createTodo(ann, list, "Tea");
        Page annPage = openList(ann, list);
        Page benPage = openList(ben, list);

        Locator row = todo(annPage, "Tea");
        row.locator("summary").click();
        assertThat(row.locator(".zone")).hasText("Europe/Paris");
        row.getByLabel("Due date").fill("2026-12-09");
        row.getByLabel("Due time").fill("09:30");
        row.getByLabel("Assigned to").selectOption(ben.name());
        row.getByLabel("Notes").fill("Green, loose leaf");
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save details"))
                .click();
        assertThat(row.locator(".todo-meta .due")).hasText("due 2026-12-09 09:30 (Europe/Paris)");
        assertThat(row.locator(".todo-meta .has-notes")).isVisible();

        Locator benRow = todo(benPage, "Tea");
        assertThat(benRow.locator(".todo-meta .due")).hasText("due 2026-12-09 09:30 (Europe/Paris)");
        assertThat(benRow.locator(".todo-meta .assignee")).hasText("for " + ben.name());
        assertThat(benRow.getByLabel("Notes")).hasValue("Green, loose leaf");
        assertThat(benRow.getByLabel("Assigned to")).hasValue(ben.name());
        annPage.screenshot(new Page.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("details.png")));
        JsonPath saved = as(ben).get("/todos/" + tea).jsonPath();
        assertThat(saved.getString("due.at")).isEqualTo("2026-12-09T08:30:00Z");
        assertThat(saved.getString("assignee")).isEqualTo(ben.name());
        assertThat(saved.getString("notes")).isEqualTo("Green, loose leaf");

        // Only what was changed is sent: Ben's notes and Ann's date, made at once, both stay.
        benRow.locator("summary").click();
        benRow.getByLabel("Notes").fill("Black");
        as(ann).body("{\"due\": {\"date\": \"2026-12-10\"}}")
                .patch("/todos/" + tea)
                .then()
                .statusCode(204);
        assertThat(benRow.locator(".todo-meta .due")).hasText("due 2026-12-10");
        assertThat(benRow.getByLabel("Notes")).hasValue("Black");
        benRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save details"))
                .click();
        assertThat(row.getByLabel("Notes")).hasValue("Black");
        assertThat(row.locator(".todo-meta .due")).hasText("due 2026-12-10");

        benPage.reload();
        assertThat(todo(benPage, "Tea").locator(".todo-meta .assignee")).hasText("for " + ben.name());
        assertThat(todo(benPage, "Tea").getByLabel("Notes")).hasValue("Black");

        // Ben leaves the list: his todos are his no more, and he is no longer offered.
        as(ann).delete("/lists/" + list + "/members/" + ben.name()).then().statusCode(204);
        assertThat(row.locator(".todo-meta .assignee")).hasCount(0);
        assertThat(row.getByLabel("Assigned to").locator("option")).hasText(new String[] {"Nobody", ann.name()});
        assertThat(row.getByLabel("Assigned to")).hasValue("");
    }

    @Test
    void aNewTodoArrivingLiveCanBeGivenToAMemberWhoJoinedAfterThePageWasMade() {
        User ann = newUser();
        User cem = newUser();
        long list = createList(ann, "Chores");
        Page annPage = openList(ann, list);

        share(ann, list, cem);
        long dishes = createTodo(cem, list, "Dishes");
        Locator row = todo(annPage, "Dishes");
        row.locator("summary").click();
        row.getByLabel("Assigned to").selectOption(cem.name());
        row.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Save details"))
                .click();
        assertThat(row.locator(".todo-meta .assignee")).hasText("for " + cem.name());
        await().untilAsserted(() -> assertThat(
                        as(cem).get("/todos/assigned").jsonPath().getList("id", Long.class))
                .containsExactly(dishes));
    }

    @Test
    void aViewerSeesTheListLiveWithoutFormsAndCanEditOnceMadeAMember() {
        User ann = newUser();
        User vic = newUser();
        long list = createList(ann, "Recipes");
        long soup = createTodo(ann, list, "Soup");
        as(ann).body("{\"role\": \"viewer\"}")
                .put("/lists/" + list + "/members/" + vic.name())
                .then()
                .statusCode(204);
        Page annPage = openList(ann, list);
        Page vicPage = openList(vic, list);

        assertThat(vicPage.getByLabel("New todo")).hasCount(0);
        assertThat(vicPage.locator("#todos form")).hasCount(0);
        assertThat(vicPage.locator("#todos .drag-handle")).hasCount(0);
        assertThat(vicPage.locator("#todos .todo-text")).hasText("Soup");
        assertThat(annPage.locator("#members li[data-username='" + vic.name() + "'] .role"))
                .hasText("viewer");
        assertThat(todo(annPage, "Soup").getByLabel("Assigned to").locator("option"))
                .hasText(new String[] {"Nobody", ann.name()});

        as(ann).body("{\"notes\": \"Leek and potato\"}")
                .patch("/todos/" + soup)
                .then()
                .statusCode(204);
        createTodo(ann, list, "Bread");
        assertThat(vicPage.locator("#todos .todo-text")).hasText(new String[] {"Soup", "Bread"});
        assertThat(vicPage.locator("#todos .notes")).hasText("Leek and potato");
        assertThat(vicPage.locator("#activity")).containsText(ann.name() + " added “Bread”");

        as(ann).body("{\"role\": \"member\"}")
                .put("/lists/" + list + "/members/" + vic.name())
                .then()
                .statusCode(204);
        assertThat(vicPage.getByLabel("New todo")).isVisible();
        vicPage.getByLabel("New todo").fill("Cake");
        vicPage.getByLabel("New todo").press("Enter");
        assertThat(todo(annPage, "Cake")).isVisible();
        assertThat(annPage.locator("#members li[data-username='" + vic.name() + "'] .role"))
                .hasCount(0);
        assertThat(todo(annPage, "Soup").getByLabel("Assigned to").locator("option"))
                .hasText(new String[] {"Nobody", ann.name(), vic.name()});
    }

    @Test
    void theOwnerChangesRolesAndPassesTheListOnFromItsPage() {
        User ann = newUser();
        User max = newUser();
        long list = createList(ann, "Garage");
        share(ann, list, max);
        Page annPage = openList(ann, list);
        Page maxPage = openList(max, list);
        assertThat(maxPage.getByLabel("New todo")).isVisible();

        annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make viewer " + max.name()))
                .click();
        assertThat(maxPage.getByLabel("New todo")).hasCount(0);
        assertThat(annPage.locator("#members li[data-username='" + max.name() + "'] .role"))
                .hasText("viewer");
        annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Let edit " + max.name()))
                .click();
        assertThat(maxPage.getByLabel("New todo")).isVisible();

        annPage.onceDialog(dialog -> dialog.accept());
        annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make owner " + max.name()))
                .click();
        assertThat(annPage.locator("#members li[data-username='" + max.name() + "'] .role"))
                .hasText("owner");
        assertThat(annPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete this list")))
                .hasCount(0);
        as(max).get("/lists/" + list).then().body("role", org.hamcrest.Matchers.equalTo("owner"));
        assertThat(maxPage.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete this list")))
                .isVisible();
    }

    private Page openList(User user, long list) {
        Page page = browser.open(BrowserTest.base());
        Browser.logIn(page.context(), BrowserTest.base(), user.token());
        page.navigate("/app/lists/" + list);
        assertThat(page.locator("#live-status")).hasAttribute("data-state", "live");
        return page;
    }

    private static Locator todo(Page page, String name) {
        return page.locator("#todos > li")
                .filter(new Locator.FilterOptions().setHas(page.locator(".todo-name[value=\"" + name + "\"]")));
    }
}
