package io.livetodo.account;

import static io.livetodo.support.Api.PASSWORD;
import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.from;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §9: personal API tokens, read or write, on the API and the live connection, revoked everywhere at once. */
@QuarkusTest
class ApiTokenTest {

    @Test
    void aWriteTokenReadsAndWritesFollowsLiveAndIsRefusedOnceRevoked() throws Exception {
        User user = newUser();
        JsonPath made = as(user).body("{\"name\": \"My script\", \"scope\": \"write\"}")
                .post("/user/tokens")
                .then()
                .statusCode(201)
                .body("name", equalTo("My script"))
                .body("scope", equalTo("write"))
                .body("last_used_at", nullValue())
                .extract()
                .jsonPath();
        assertThat(Duration.between(Instant.now(), Instant.parse(made.getString("expires_at"))))
                .isBetween(Duration.ofDays(90).minusMinutes(1), Duration.ofDays(90));
        User script = new User(user.name(), made.getString("token"));
        as(user).get("/user/tokens")
                .then()
                .body("size()", equalTo(1))
                .body("[0]", not(hasKey("token")))
                .body("[0].name", equalTo("My script"));
        as(user).get("/user/sessions").then().body("size()", equalTo(1));

        try (LiveClient live = LiveClient.connect(base(), script)) {
            assertThat(live.next().path("type").asText()).isEqualTo("hello");
            as(script)
                    .body("{\"name\": \"From the script\"}")
                    .post("/todos/")
                    .then()
                    .statusCode(303);
            assertThat(live.next().path("type").asText()).isEqualTo("todo.created");
            as(script).get("/todos/").then().statusCode(200).body("name", equalTo(List.of("From the script")));
            await().untilAsserted(() -> as(user).get("/user/tokens").then().body("[0].last_used_at", notNullValue()));

            // Changing the password ends the other sessions, not the tokens.
            as(user).body("{\"current_password\": \"" + PASSWORD + "\", \"new_password\": \"another long one\"}")
                    .put("/user/password")
                    .then()
                    .statusCode(204);
            as(script).get("/todos/").then().statusCode(200);

            as(user).delete("/user/tokens/" + made.getLong("id")).then().statusCode(204);
            assertThat(live.closeCode(Duration.ofSeconds(1))).isEqualTo(1008);
        }
        as(script).get("/todos/").then().statusCode(401);
        as(user).get("/user/tokens").then().body("size()", equalTo(0));
        as(user).delete("/user/tokens/" + made.getLong("id")).then().statusCode(404);
    }

    @Test
    void aReadTokenOnlyReadsAndNoTokenManagesTheAccount() {
        User user = newUser();
        String token = as(user).body("{\"name\": \"Dashboard\", \"scope\": \"read\", \"expires_in\": \"P7D\"}")
                .post("/user/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        User reader = new User(user.name(), token);
        as(reader).get("/todos/").then().statusCode(200);
        as(reader).get("/lists").then().statusCode(200);
        as(reader)
                .body("{\"name\": \"Nope\"}")
                .post("/todos/")
                .then()
                .statusCode(403)
                .body("error", equalTo("This API token may only read: make a write token for changes."));
        as(reader).body("{\"name\": \"Nope\"}").post("/lists").then().statusCode(403);
        as(reader).delete("/user").then().statusCode(403);
        as(user).get("/todos/").then().body("size()", equalTo(0));

        String writer = as(user).body("{\"name\": \"Writer\", \"scope\": \"write\"}")
                .post("/user/tokens")
                .then()
                .extract()
                .path("token");
        for (User withToken : List.of(reader, new User(user.name(), writer))) {
            as(withToken)
                    .body("{\"name\": \"More\", \"scope\": \"write\"}")
                    .post("/user/tokens")
                    .then()
                    .statusCode(403)
                    .body("error", equalTo("An API token cannot manage the account: log in to do that."));
            as(withToken).get("/user/tokens").then().statusCode(403);
            as(withToken).get("/user/sessions").then().statusCode(403);
            as(withToken)
                    .body("{\"current_password\": \"" + PASSWORD + "\", \"new_password\": \"taken over!\"}")
                    .put("/user/password")
                    .then()
                    .statusCode(403);
        }
        for (String bad : List.of(
                "{\"scope\": \"read\"}",
                "{\"name\": \"x\"}",
                "{\"name\": \"x\", \"scope\": \"admin\"}",
                "{\"name\": \"x\", \"scope\": \"read\", \"expires_in\": \"P400D\"}",
                "{\"name\": \"x\", \"scope\": \"read\", \"expires_in\": \"forever\"}")) {
            as(user).body(bad).post("/user/tokens").then().statusCode(422);
        }
        as(user).get("/user/tokens").then().body("size()", equalTo(2));
    }

    @Test
    @Tag("abuse")
    void guessingSessionAndApiTokensFromOneAddressIsRefusedBeforeTheyAreLookedUp() {
        User user = newUser();
        // The limit is 100; the one past it is still answered, and ends the lookups.
        for (int i = 0; i <= 100; i++) {
            from("127.0.0.43")
                    .header("Authorization", "Bearer guess-" + i)
                    .get("/todos/")
                    .then()
                    .statusCode(401);
        }
        // Even a good token is not looked up from there now; from elsewhere it is.
        from("127.0.0.43")
                .header("Authorization", "Bearer " + user.token())
                .get("/todos/")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("Too many requests with tokens nobody has from this address; try again later."));
        from("127.0.0.43")
                .header("Authorization", "Bearer guess-live")
                .get("/live/events")
                .then()
                .statusCode(429);
        as(user).get("/todos/").then().statusCode(200);
    }
}
