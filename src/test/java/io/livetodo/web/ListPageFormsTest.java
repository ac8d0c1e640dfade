package io.livetodo.web;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.formToken;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** The list page's filters, count, bulk and details forms without the page script: plain HTML and form posts. */
@QuarkusTest
class ListPageFormsTest {

    @Test
    void theFilterIsInTheUrlAndTheBulkFormsWorkAsPlainForms() {
        User user = newUser();
        long list = personalListId(user);
        createTodo(user, "Tea");
        long coffee = createTodo(user, "Coffee");
        as(user).body("{\"finished\": true}").patch("/todos/" + coffee).then().statusCode(204);

        String page = withCookie(user)
                .get("/app/lists/" + list + "?show=completed")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("1 item left")
                .contains("data-show=\"completed\"")
                .contains("href=\"?show=completed\" aria-current=\"page\"");
        assertThat(withCookie(user)
                        .get("/app/lists/" + list + "?show=nonsense")
                        .then()
                        .extract()
                        .asString())
                .contains("data-show=\"all\"");
        String token = formToken(page);

        withCookie(user)
                .formParam("finished", "yes please")
                .formParam("csrf", token)
                .post("/app/lists/" + list + "/todos/finished")
                .then()
                .statusCode(422);
        withCookie(user)
                .formParam("finished", "true")
                .formParam("csrf", token)
                .post("/app/lists/" + list + "/todos/finished")
                .then()
                .statusCode(303);
        assertThat(as(user).get("/todos/").jsonPath().getList("finished", Boolean.class))
                .containsOnly(true);
        withCookie(user)
                .formParam("csrf", token)
                .post("/app/lists/" + list + "/todos/clear-finished")
                .then()
                .statusCode(303);
        assertThat(as(user).get("/todos/").jsonPath().getList("name")).isEmpty();
    }

    @Test
    void aTodosDetailsAreSetAndClearedByAPlainFormInTheUsersTimeZone() {
        User user = newUser();
        long list = personalListId(user);
        long tea = createTodo(user, "Tea");
        as(user).body("{\"time_zone\": \"Europe/Paris\"}").patch("/user").then().statusCode(200);
        String page = withCookie(user)
                .get("/app/lists/" + list)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page)
                .contains("name=\"due_zone\" value=\"Europe/Paris\"")
                .contains("<option value=\"" + user.name() + "\">");
        String token = formToken(page);

        details(user, list, tea, token, "2026-12-09", "09:30", "Europe/Paris", user.name(), "Loose leaf")
                .then()
                .statusCode(303);
        JsonPath saved = as(user).get("/todos/" + tea).jsonPath();
        assertThat(saved.getString("due.at")).isEqualTo("2026-12-09T08:30:00Z");
        assertThat(saved.getString("assignee")).isEqualTo(user.name());
        assertThat(saved.getString("notes")).isEqualTo("Loose leaf");
        assertThat(withCookie(user).get("/app/lists/" + list).then().extract().asString())
                .contains(">2026-12-09 09:30 (Europe/Paris)</time>")
                .contains("for " + user.name())
                .contains("<option value=\"" + user.name() + "\" selected>");

        details(user, list, tea, token, "2026-13-40", "", "Europe/Paris", "", "")
                .then()
                .statusCode(422);
        details(user, list, tea, token, "2026-12-09", "", "Europe/Paris", "nobody-" + tea, "")
                .then()
                .statusCode(422);
        assertThat(as(user).get("/todos/" + tea).jsonPath().getString("notes")).isEqualTo("Loose leaf");

        details(user, list, tea, token, "", "", "Europe/Paris", "", "").then().statusCode(303);
        saved = as(user).get("/todos/" + tea).jsonPath();
        assertThat(saved.getString("due")).isNull();
        assertThat(saved.getString("assignee")).isNull();
        assertThat(saved.getString("notes")).isEmpty();
    }

    @Test
    void invitesAreMadeJoinedAndRevokedWithPlainFormsEachOnce() {
        User owner = newUser();
        User guest = newUser();
        long list = io.livetodo.support.Api.createList(owner, "Plain invites");
        String token = formToken(
                withCookie(owner).get("/app/lists/" + list).then().extract().asString());
        String location = withCookie(owner)
                .formParam("csrf", token)
                .formParam("idempotency_key", "invite-form-" + list)
                .formParam("role", "member")
                .formParam("max_uses", "3")
                .formParam("expires_in_days", "2")
                .post("/app/lists/" + list + "/invites")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        assertThat(location).contains("/app/lists/" + list + "?invite=");
        String invite = location.substring(location.indexOf("?invite=") + 8, location.indexOf('#'));
        assertThat(withCookie(owner)
                        .get(location.substring(location.indexOf("/app/"), location.indexOf('#')))
                        .then()
                        .extract()
                        .asString())
                .contains("/invite/" + invite + "\" readonly>");
        withCookie(owner)
                .formParam("csrf", token)
                .formParam("idempotency_key", "invite-form-" + list)
                .formParam("role", "member")
                .formParam("max_uses", "3")
                .formParam("expires_in_days", "2")
                .post("/app/lists/" + list + "/invites")
                .then()
                .statusCode(303)
                .header("Location", location);
        assertThat(as(owner).get("/lists/" + list + "/invites").jsonPath().getList("id"))
                .hasSize(1);
        withCookie(owner)
                .formParam("csrf", token)
                .formParam("max_uses", "many")
                .formParam("expires_in_days", "2")
                .post("/app/lists/" + list + "/invites")
                .then()
                .statusCode(422);

        String joinPage = withCookie(guest)
                .get("/invite/" + invite)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(joinPage).contains("Join “Plain invites”");
        withCookie(guest)
                .formParam("csrf", formToken(joinPage))
                .formParam("idempotency_key", "join-" + list)
                .post("/app/invite/" + invite + "/join")
                .then()
                .statusCode(303)
                .header("Location", org.hamcrest.Matchers.endsWith("/app/lists/" + list));
        as(guest).get("/lists/" + list).then().statusCode(200);

        long id = as(owner).get("/lists/" + list + "/invites").jsonPath().getLong("[0].id");
        withCookie(owner)
                .formParam("csrf", token)
                .formParam("idempotency_key", "revoke-" + list)
                .post("/app/lists/" + list + "/invites/" + id + "/revoke")
                .then()
                .statusCode(303);
        withCookie(newUser()).get("/invite/" + invite).then().statusCode(410);
        given().get("/invite/" + invite).then().statusCode(410);
        given().get("/invite/nothing-like-it").then().statusCode(404);
    }

    @Test
    void aViewersPageHasNoFormsForTodosAndAFormPostedAnywayChangesNothing() {
        User owner = newUser();
        User viewer = newUser();
        long list = io.livetodo.support.Api.createList(owner, "Look only");
        long tea = createTodo(owner, list, "Tea");
        as(owner)
                .body("{\"role\": \"viewer\"}")
                .put("/lists/" + list + "/members/" + viewer.name())
                .then()
                .statusCode(204);
        String page = withCookie(viewer)
                .get("/app/lists/" + list)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).doesNotContain("/app/lists/" + list + "/todos").doesNotContain("drag-handle");
        String token = formToken(page);
        withCookie(viewer)
                .formParam("csrf", token)
                .formParam("name", "Coffee")
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(403);
        withCookie(viewer)
                .formParam("csrf", token)
                .formParam("finished", "true")
                .post("/app/lists/" + list + "/todos/" + tea + "/finished")
                .then()
                .statusCode(403);
        assertThat(as(owner).get("/lists/" + list + "/todos/").jsonPath().getList("name"))
                .containsExactly("Tea");
        assertThat(as(owner).get("/todos/" + tea).jsonPath().getBoolean("finished"))
                .isFalse();
    }

    private static Response details(
            User user,
            long list,
            long todo,
            String token,
            String date,
            String time,
            String zone,
            String assignee,
            String notes) {
        return withCookie(user)
                .formParam("csrf", token)
                .formParam("due_date", date)
                .formParam("due_time", time)
                .formParam("due_zone", zone)
                .formParam("assignee", assignee)
                .formParam("notes", notes)
                .post("/app/lists/" + list + "/todos/" + todo + "/details");
    }

    private static RequestSpecification withCookie(User user) {
        return given().redirects().follow(false).cookie("session", user.token());
    }
}
