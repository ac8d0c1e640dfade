package io.livetodo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.login;
import static io.livetodo.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.livetodo.support.Api;
import io.livetodo.support.Api.User;
import io.livetodo.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Account page as a person uses it: time zone, a token made and revoked, the password, and leaving for good. */
@QuarkusTest
class AccountBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    private static byte[] readAll(Download download) {
        try (var in = download.createReadStream()) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theAccountPageSetsTheZoneMakesAndRevokesATokenChangesThePasswordAndDeletesTheAccount() {
        User user = newUser();
        User otherDevice = new User(user.name(), login(user.name()));
        Page page = browser.open(BrowserTest.base());
        Browser.logIn(page.context(), BrowserTest.base(), user.token());
        page.navigate("/");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(user.name()))
                .click();
        assertThat(page.getByRole(
                        AriaRole.HEADING,
                        new Page.GetByRoleOptions().setName("Account").setExact(true)))
                .isVisible();
        assertThat(page.locator("#live-status")).hasAttribute("data-state", "live");
        assertThat(page.locator("#sessions li")).hasCount(2);

        page.getByLabel("My days are in").selectOption("Europe/Paris");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save"))
                .click();
        assertThat(page.getByLabel("My days are in")).hasValue("Europe/Paris");
        as(user).get("/user").then().body("time_zone", org.hamcrest.Matchers.equalTo("Europe/Paris"));

        page.getByLabel("Name").fill("Backup script");
        page.getByLabel("May").selectOption("read");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make a token"))
                .click();
        String token = page.locator("#new-token").inputValue();
        assertThat(token).hasSizeGreaterThanOrEqualTo(40);
        as(new User(user.name(), token)).get("/todos/").then().statusCode(200);
        assertThat(page.locator("#tokens li")).containsText("Backup script (read)");
        page.reload();
        assertThat(page.locator("#new-token")).hasCount(0);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke Backup script"))
                .click();
        assertThat(page.locator("#tokens li")).hasCount(0);
        as(new User(user.name(), token)).get("/todos/").then().statusCode(401);

        page.getByLabel("Current password").fill("not the password");
        page.getByLabel("New password").fill("a brand new password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password"))
                .click();
        assertThat(page.locator(".error")).hasText("Your current password is not that one.");
        page.getByLabel("Current password").fill(Api.PASSWORD);
        page.getByLabel("New password").fill("a brand new password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password"))
                .click();
        assertThat(page.locator("#sessions li")).hasCount(1);
        as(otherDevice).get("/user").then().statusCode(401);

        Download download = page.waitForDownload(
                () -> page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download my lists"))
                        .click());
        String document = new String(readAll(download), StandardCharsets.UTF_8);
        assertThat(document).contains("\"livetodo_export\"");
        page.getByLabel("Import lists from a document")
                .setInputFiles(
                        new FilePayload("export.json", "application/json", document.getBytes(StandardCharsets.UTF_8)));
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Import").setExact(true))
                .click();
        assertThat(page.locator("#import-result")).hasText("Imported “Todos” (0 todos).");
        page.getByLabel("Import lists from a document")
                .setInputFiles(new FilePayload(
                        "broken.json",
                        "application/json",
                        "{\"livetodo_export\": 99}".getBytes(StandardCharsets.UTF_8)));
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Import").setExact(true))
                .click();
        assertThat(page.locator("#import-result")).not().hasText("Importing…");
        assertThat(page.locator("#import-result")).not().containsText("Imported");

        page.getByLabel("Your password, to confirm").fill("a brand new password");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Delete my account"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Log in")))
                .isVisible();
        given().contentType(ContentType.JSON)
                .body(credentials(user.name(), "a brand new password"))
                .post("/user")
                .then()
                .statusCode(401);
    }
}
