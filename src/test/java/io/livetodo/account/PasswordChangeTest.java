package io.livetodo.account;

import static io.livetodo.support.Api.PASSWORD;
import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.login;
import static io.livetodo.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SPEC §9: changing a password ends every other session at once, live connections included. */
@QuarkusTest
class PasswordChangeTest {

    @Test
    void aNewPasswordEndsEveryOtherSessionAndItsLiveConnectionsButThisOne() throws Exception {
        User user = newUser();
        User otherDevice = new User(user.name(), login(user.name()));
        try (LiveClient mine = LiveClient.connect(base(), user);
                LiveClient theirs = LiveClient.connect(base(), otherDevice)) {
            mine.next();
            theirs.next();
            // With a key, as a client that retries would send it: done once, answered the same again.
            for (int i = 0; i < 2; i++) {
                as(user).header("Idempotency-Key", "new-password-" + user.name())
                        .body("{\"current_password\": \"" + PASSWORD + "\", \"new_password\": \"a new horse staple\"}")
                        .put("/user/password")
                        .then()
                        .statusCode(204);
            }
            assertThat(theirs.closeCode(Duration.ofSeconds(1))).isEqualTo(1008);
            as(otherDevice).get("/user").then().statusCode(401);
            as(user).get("/user").then().statusCode(200);
            assertThat(mine.isClosed()).isFalse();
        }
        logIn(user.name(), PASSWORD).then().statusCode(401);
        logIn(user.name(), "a new horse staple").then().statusCode(200);
    }

    @Test
    void aWrongCurrentPasswordOrAShortNewOneChangesNothing() {
        User user = newUser();
        User otherDevice = new User(user.name(), login(user.name()));
        as(user).body("{\"current_password\": \"not it at all\", \"new_password\": \"a new horse staple\"}")
                .put("/user/password")
                .then()
                .statusCode(403)
                .body("error", equalTo("Your current password is not that one."));
        as(user).body("{\"current_password\": \"" + PASSWORD + "\", \"new_password\": \"short\"}")
                .put("/user/password")
                .then()
                .statusCode(422);
        as(user).body("{\"new_password\": \"a new horse staple\"}")
                .put("/user/password")
                .then()
                .statusCode(422);
        as(otherDevice).get("/user").then().statusCode(200);
        logIn(user.name(), PASSWORD).then().statusCode(200);
    }

    private static io.restassured.response.Response logIn(String name, String password) {
        return given().contentType(ContentType.JSON)
                .body(credentials(name, password))
                .post("/user");
    }
}
