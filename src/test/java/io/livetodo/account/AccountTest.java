package io.livetodo.account;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.login;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.register;
import static io.livetodo.support.Api.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.livetodo.support.Api;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AccountTest {

    @Test
    void registerCreatesTheUserAndTheirPersonalList() {
        String name = uniqueName("Reg");
        given().contentType(ContentType.JSON)
                .body(credentials(name, Api.PASSWORD))
                .post("/users")
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("id", notNullValue())
                .body("username", equalTo(name))
                .body("created_at", notNullValue())
                .body("$", not(hasKey("password")));

        User user = new User(name, login(name));
        as(user).get("/lists")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].name", equalTo("Todos"))
                .body("[0].owner", equalTo(name))
                .body("[0].role", equalTo("owner"));
    }

    @Test
    void registerRefusesInvalidUsernamesAndPasswords() {
        for (String body : List.of(
                credentials("ab", Api.PASSWORD),
                credentials("has space", Api.PASSWORD),
                credentials("x".repeat(33), Api.PASSWORD),
                credentials(uniqueName("p"), "short"),
                credentials(uniqueName("p"), "p".repeat(129)),
                "{\"password\": \"" + Api.PASSWORD + "\"}",
                "{\"username\": 12345, \"password\": \"" + Api.PASSWORD + "\"}")) {
            given().contentType(ContentType.JSON)
                    .body(body)
                    .post("/users")
                    .then()
                    .statusCode(422)
                    .contentType(ContentType.JSON)
                    .body("error", notNullValue())
                    .body("details.field", not(empty()));
        }
    }

    @Test
    void registerRefusesATakenUsernameIgnoringCase() {
        String name = uniqueName("Taken");
        register(name);
        given().contentType(ContentType.JSON)
                .body(credentials(name.toLowerCase(), Api.PASSWORD))
                .post("/users")
                .then()
                .statusCode(409)
                .body("error", notNullValue());
    }

    @Test
    void registerRefusesBadJsonAndOtherMediaTypes() {
        given().contentType(ContentType.JSON)
                .body("{\"username\": ")
                .post("/users")
                .then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", notNullValue());
        given().contentType(ContentType.TEXT)
                .body("username=a")
                .post("/users")
                .then()
                .statusCode(415)
                .contentType(ContentType.JSON)
                .body("error", notNullValue());
    }

    @Test
    void loginAnswersWithATokenAndASessionCookie() {
        String name = uniqueName("login");
        register(name);
        Response response = given().contentType(ContentType.JSON)
                .body(credentials(name, Api.PASSWORD))
                .post("/user");
        response.then().statusCode(200).body("expires_at", notNullValue());
        String token = response.path("session_id");
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        String cookie = response.getHeader("Set-Cookie");
        assertThat(cookie)
                .startsWith("session=" + token)
                .contains("HttpOnly")
                .contains("Path=/")
                .containsIgnoringCase("SameSite=Lax");

        given().cookie("session", token).get("/user").then().statusCode(200).body("username", equalTo(name));
        given().header("Authorization", token)
                .get("/user")
                .then()
                .statusCode(200)
                .body("username", equalTo(name));
        given().header("Authorization", "Bearer " + token).get("/user").then().statusCode(200);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String name = uniqueName("same");
        register(name);
        Response wrongPassword = given().contentType(ContentType.JSON)
                .body(credentials(name, "not the password"))
                .post("/user");
        Response unknownUser = given().contentType(ContentType.JSON)
                .body(credentials(uniqueName("nobody"), Api.PASSWORD))
                .post("/user");
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.asString()).isEqualTo(unknownUser.asString());
        given().contentType(ContentType.JSON)
                .body("{\"username\": \"a\\u0000b\", \"password\": \"whatever\"}")
                .post("/user")
                .then()
                .statusCode(401)
                .body(equalTo(unknownUser.asString()));
    }

    @Test
    void loginNeedsBothFields() {
        given().contentType(ContentType.JSON)
                .body("{\"username\": \"someone\"}")
                .post("/user")
                .then()
                .statusCode(422)
                .body("details.field", hasItem("password"));
        given().contentType(ContentType.JSON)
                .body("not json")
                .post("/user")
                .then()
                .statusCode(400);
    }

    @Test
    void tooManyFailedLoginsForOneUsernameAreRefusedEvenWithTheRightPassword() {
        String name = uniqueName("locked");
        register(name);
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON)
                    .body(credentials(name, "wrong password " + i))
                    .post("/user")
                    .then()
                    .statusCode(401);
        }
        given().contentType(ContentType.JSON)
                .body(credentials(name, Api.PASSWORD))
                .post("/user")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", notNullValue());
    }

    @Test
    void whoAmINeedsAValidSession() {
        User user = newUser();
        as(user).get("/user")
                .then()
                .statusCode(200)
                .body("username", equalTo(user.name()))
                .body("id", notNullValue())
                .body("created_at", notNullValue());
        given().get("/user")
                .then()
                .statusCode(401)
                .contentType(ContentType.JSON)
                .body("error", notNullValue());
        given().header("Authorization", "Bearer not-a-token")
                .get("/user")
                .then()
                .statusCode(401);
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        User user = newUser();
        as(user).delete("/user").then().statusCode(200).header("Set-Cookie", containsString("session=;"));
        as(user).get("/user").then().statusCode(401);
        as(user).delete("/user").then().statusCode(401);
    }

    @Test
    void sessionsListsMyActiveSessionsAndMarksTheCurrentOne() {
        User user = newUser();
        String other = given().contentType(ContentType.JSON)
                .header("User-Agent", "second-device/1.0")
                .body(credentials(user.name(), Api.PASSWORD))
                .post("/user")
                .then()
                .statusCode(200)
                .extract()
                .path("session_id");
        List<Map<String, Object>> sessions =
                as(user).get("/user/sessions").then().statusCode(200).extract().path("");
        assertThat(sessions).hasSize(2);
        assertThat(sessions)
                .filteredOn(s -> Boolean.TRUE.equals(s.get("current")))
                .hasSize(1);
        assertThat(sessions).extracting(s -> s.get("user_agent")).contains("second-device/1.0");
        assertThat(sessions).allSatisfy(s -> assertThat(s).containsKeys("id", "created_at", "last_seen_at"));
        assertThat(other).isNotEqualTo(user.token());
    }

    @Test
    void revokingAnotherOfMySessionsEndsIt() {
        User user = newUser();
        User secondDevice = new User(user.name(), login(user.name()));
        Number otherId = as(user).get("/user/sessions").then().extract().path("find { !it.current }.id");

        as(user).delete("/user/sessions/" + otherId).then().statusCode(204);
        as(secondDevice).get("/user").then().statusCode(401);
        as(user).get("/user").then().statusCode(200);
        as(user).delete("/user/sessions/" + otherId).then().statusCode(404);
    }

    @Test
    void revokingASessionSentTwiceWithOneIdempotencyKeyEndsItOnce() {
        User user = newUser();
        User secondDevice = new User(user.name(), login(user.name()));
        Number otherId = as(user).get("/user/sessions").then().extract().path("find { !it.current }.id");
        String key = UUID.randomUUID().toString();

        as(user).header("Idempotency-Key", key)
                .delete("/user/sessions/" + otherId)
                .then()
                .statusCode(204);
        as(user).header("Idempotency-Key", key)
                .delete("/user/sessions/" + otherId)
                .then()
                .statusCode(204)
                .header("Idempotent-Replayed", "true");
        as(secondDevice).get("/user").then().statusCode(401);
        as(user).get("/user").then().statusCode(200);
    }

    @Test
    void nobodyCanRevokeSomeoneElsesSession() {
        User alice = newUser();
        User bob = newUser();
        Number bobSession = as(bob).get("/user/sessions").then().extract().path("[0].id");

        as(alice).delete("/user/sessions/" + bobSession).then().statusCode(404).body("error", notNullValue());
        as(bob).get("/user").then().statusCode(200);
    }
}
