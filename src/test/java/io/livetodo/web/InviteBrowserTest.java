package io.livetodo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.livetodo.support.Api;
import io.livetodo.support.Api.User;
import io.livetodo.support.Browser;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An invite link as people pass it on: made on the list's page, opened by someone not even registered yet. */
@QuarkusTest
class InviteBrowserTest {

    @RegisterExtension
    Browser browser = new Browser();

    @Test
    void aLinkMadeOnTheListPageBringsANewcomerThroughRegistrationIntoTheListAndCanBeRevoked() {
        User owner = newUser();
        long list = createList(owner, "Book club");
        createTodo(owner, list, "Pick a book");
        Page ownerPage = browser.open(BrowserTest.base());
        Browser.logIn(ownerPage.context(), BrowserTest.base(), owner.token());
        ownerPage.navigate("/app/lists/" + list);
        ownerPage.getByLabel("Who may").last().selectOption("viewer");
        ownerPage.getByLabel("Uses").fill("2");
        ownerPage
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make an invite link"))
                .click();
        String link = ownerPage.locator("#invite-link").inputValue();
        assertThat(link).startsWith(BrowserTest.base() + "/invite/");
        assertThat(ownerPage.locator("#invites li")).hasCount(1);
        assertThat(ownerPage.locator("#invites li")).containsText("Can view, used 0 of 2");
        ownerPage.reload();
        assertThat(ownerPage.locator("#invite-link")).hasValue(link);
        ownerPage.navigate("/app/lists/" + list);
        assertThat(ownerPage.locator("#invite-link")).hasCount(0);

        Page newcomer = browser.open(BrowserTest.base());
        newcomer.navigate(link);
        assertThat(newcomer.getByRole(AriaRole.STATUS)
                        .filter(new com.microsoft.playwright.Locator.FilterOptions()
                                .setHasText("Log in or register to join “Book club”")))
                .isVisible();
        newcomer.locator("#register-username").fill(uniqueName("new"));
        newcomer.locator("#register-password").fill(Api.PASSWORD);
        newcomer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                .click();
        assertThat(newcomer.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Join “Book club”")))
                .isVisible();
        newcomer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join"))
                .click();
        assertThat(newcomer.locator("#list-name")).hasText("Book club");
        assertThat(newcomer.locator("#todos .todo-text")).hasText("Pick a book");
        assertThat(newcomer.getByLabel("New todo")).hasCount(0);

        ownerPage.navigate("/app/lists/" + list);
        assertThat(ownerPage.locator("#invites li")).containsText("used 1 of 2");
        ownerPage.locator("#invites li button").click();
        assertThat(ownerPage.locator("#invites li")).hasCount(0);
        Page late = browser.open(BrowserTest.base());
        Browser.logIn(late.context(), BrowserTest.base(), newUser().token());
        late.navigate(link);
        assertThat(late.locator(".error")).hasText("This invite link has expired, been used up or been revoked.");
    }
}
