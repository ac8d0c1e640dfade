package io.livetodo.todo;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.formToken;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.LiveClient.nothingElseArrives;
import static io.livetodo.support.LiveClient.versionIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Exactly-once writes (SPEC §7): a repeat under the same Idempotency-Key gets the first answer and changes nothing. */
@QuarkusTest
class IdempotencyTest {

    @Test
    void aRepeatedCreateMakesOneTodoAndGetsTheSameAnswer() {
        User user = newUser();
        String key = UUID.randomUUID().toString();

        Response first =
                as(user).header("Idempotency-Key", key).body(named("Milk")).post("/todos/");
        Response repeat =
                as(user).header("Idempotency-Key", key).body(named("Milk")).post("/todos/");

        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(repeat.statusCode()).isEqualTo(303);
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.jsonPath().<String, Object>getMap(""))
                .isEqualTo(first.jsonPath().getMap(""));
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(as(user).get("/todos/").jsonPath().getList("name")).containsExactly("Milk");
    }

    @Test
    void aReplayedAnswerSendsNoSecondChange() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        String key = UUID.randomUUID().toString();
        try (LiveClient live = LiveClient.connect(base(), user)) {
            long start = versionIn(live.next(), list);
            as(user).header("Idempotency-Key", key)
                    .body(named("Eggs"))
                    .post("/todos/")
                    .then()
                    .statusCode(303);
            as(user).header("Idempotency-Key", key)
                    .body(named("Eggs"))
                    .post("/todos/")
                    .then()
                    .statusCode(303);

            JsonNode created = live.next();
            assertThat(created.path("version").asLong()).isEqualTo(start + 1);
            assertThat(created.path("data").path("name").asText()).isEqualTo("Eggs");
            nothingElseArrives(live, user);
        }
    }

    @Test
    void anUpdateRepeatedGetsTheSameETagAndCountsOnce() {
        User user = newUser();
        long todo = createTodo(user, "Bread");
        String key = UUID.randomUUID().toString();

        String first = as(user).header("Idempotency-Key", key)
                .body("{\"finished\": true}")
                .patch("/todos/" + todo)
                .then()
                .statusCode(204)
                .extract()
                .header("ETag");
        String repeat = as(user).header("Idempotency-Key", key)
                .body("{\"finished\": true}")
                .patch("/todos/" + todo)
                .then()
                .statusCode(204)
                .extract()
                .header("ETag");

        assertThat(repeat).isEqualTo(first).isEqualTo("\"2\"");
        assertThat(as(user).get("/todos/" + todo).jsonPath().getLong("version")).isEqualTo(2);
    }

    @Test
    void theSameKeyForADifferentRequestIs422AndChangesNothing() {
        User user = newUser();
        String key = UUID.randomUUID().toString();
        as(user).header("Idempotency-Key", key)
                .body(named("Tea"))
                .post("/todos/")
                .then()
                .statusCode(303);

        as(user).header("Idempotency-Key", key)
                .body(named("Coffee"))
                .post("/todos/")
                .then()
                .statusCode(422)
                .body("error", containsString("different request"));
        as(user).header("Idempotency-Key", key).post("/lists").then().statusCode(400);
        as(user).header("Idempotency-Key", key)
                .body(named("Coffee"))
                .post("/lists")
                .then()
                .statusCode(422);
        assertThat(as(user).get("/todos/").jsonPath().getList("name")).containsExactly("Tea");
        assertThat(as(user).get("/lists").jsonPath().getList("name")).containsExactly("Todos");
    }

    @Test
    void aKeyIsTheUsersOwn() {
        User one = newUser();
        User other = newUser();
        String key = UUID.randomUUID().toString();

        String mine = as(one).header("Idempotency-Key", key)
                .body(named("Jam"))
                .post("/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        String theirs = as(other)
                .header("Idempotency-Key", key)
                .body(named("Jam"))
                .post("/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");

        assertThat(theirs).isNotEqualTo(mine);
        assertThat(as(other).get("/todos/").jsonPath().getList("name")).containsExactly("Jam");
    }

    @Test
    void aListCreatedTwiceUnderOneKeyIsOneList() {
        User user = newUser();
        String key = "\"" + UUID.randomUUID() + "\"";

        Response first =
                as(user).header("Idempotency-Key", key).body(named("Trip")).post("/lists");
        Response repeat =
                as(user).header("Idempotency-Key", key).body(named("Trip")).post("/lists");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.header("Location")).isEqualTo(first.header("Location"));
        assertThat(repeat.jsonPath().getLong("id")).isEqualTo(first.jsonPath().getLong("id"));
        assertThat(as(user).get("/lists").jsonPath().getList("name")).containsExactlyInAnyOrder("Todos", "Trip");
    }

    @Test
    void clearingFinishedTodosTwiceUnderOneKeyRecordsTheChangesOnce() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        long done = createTodo(user, "done");
        as(user).body("{\"finished\": true}").patch("/todos/" + done).then().statusCode(204);
        String key = UUID.randomUUID().toString();
        try (LiveClient live = LiveClient.connect(base(), user)) {
            long start = versionIn(live.next(), list);
            as(user).header("Idempotency-Key", key)
                    .delete("/todos/?finished=true")
                    .then()
                    .statusCode(204);
            as(user).header("Idempotency-Key", key)
                    .delete("/todos/?finished=true")
                    .then()
                    .statusCode(204);

            assertThat(live.next().path("version").asLong()).isEqualTo(start + 1);
            nothingElseArrives(live, user);
        }
    }

    @Test
    void aKeyNoClientCouldMeanIs400() {
        User user = newUser();
        as(user).header("Idempotency-Key", "k".repeat(256))
                .body(named("Oats"))
                .post("/todos/")
                .then()
                .statusCode(400)
                .body("error", containsString("Idempotency-Key"));
        as(user).header("Idempotency-Key", "")
                .body(named("Oats"))
                .post("/todos/")
                .then()
                .statusCode(400);
        assertThat(as(user).get("/todos/").jsonPath().getList("name")).isEmpty();
    }

    @Test
    void aPageFormSentTwiceIsDoneOnceAndRedirectedTheSameWay() {
        User user = newUser();
        long list = personalListId(user);
        String page = given().cookie("session", user.token())
                .get("/app/lists/" + list)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String token = formToken(page);
        assertThat(page).contains("name=\"idempotency_key\"");
        String key = UUID.randomUUID().toString();

        for (int i = 0; i < 2; i++) {
            given().redirects()
                    .follow(false)
                    .cookie("session", user.token())
                    .formParam("name", "Rice")
                    .formParam("csrf", token)
                    .formParam("idempotency_key", key)
                    .post("/app/lists/" + list + "/todos")
                    .then()
                    .statusCode(303)
                    .header("Location", containsString("/app/lists/" + list));
        }
        given().cookie("session", user.token())
                .accept("application/json")
                .header("Idempotency-Key", key)
                .formParam("name", "Beans")
                .formParam("csrf", token)
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(422);
        String scriptKey = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            given().cookie("session", user.token())
                    .accept("application/json")
                    .header("Idempotency-Key", scriptKey)
                    .formParam("name", "Beans")
                    .formParam("csrf", token)
                    .post("/app/lists/" + list + "/todos")
                    .then()
                    .statusCode(204);
        }
        assertThat(as(user).get("/todos/").jsonPath().getList("name")).containsExactly("Rice", "Beans");
    }
}
