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
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** The list page's filters, count and bulk forms without the page script: plain HTML and form posts. */
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

    private static RequestSpecification withCookie(User user) {
        return given().redirects().follow(false).cookie("session", user.token());
    }
}
