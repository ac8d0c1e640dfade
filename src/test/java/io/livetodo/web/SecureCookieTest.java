package io.livetodo.web;

import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.livetodo.support.StrictAccounts;
import io.livetodo.support.Api.User;
import io.livetodo.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Behind a proxy that terminates TLS (and says so), the cookies are Secure. */
@QuarkusTest
@TestProfile(StrictAccounts.class)
class SecureCookieTest {

    @Test
    void cookiesAreSecureOverTlsOnly() {
        User user = newUser();
        Response overTls = given().header("X-Forwarded-Proto", "https").contentType(ContentType.JSON)
                .body(credentials(user.name(), Api.PASSWORD)).post("/user");
        assertThat(overTls.statusCode()).isEqualTo(200);
        assertThat(overTls.getDetailedCookie("session").isSecured()).isTrue();
        assertThat(overTls.getDetailedCookie("session").isHttpOnly()).isTrue();
        assertThat(given().header("X-Forwarded-Proto", "https").get("/").getDetailedCookie("visitor").isSecured()).isTrue();

        Response plain = given().contentType(ContentType.JSON).body(credentials(user.name(), Api.PASSWORD)).post("/user");
        assertThat(plain.getDetailedCookie("session").isSecured()).isFalse();
        assertThat(given().get("/").getDetailedCookie("visitor").isSecured()).isFalse();
    }
}
