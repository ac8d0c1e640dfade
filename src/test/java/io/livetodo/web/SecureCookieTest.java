package io.livetodo.web;

import static io.livetodo.Api.credentials;
import static io.livetodo.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livetodo.Api;
import io.livetodo.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Behind a proxy that terminates TLS (and says so), the cookies are Secure. */
@QuarkusTest
@TestProfile(SecureCookieTest.BehindTlsProxy.class)
class SecureCookieTest {

    public static class BehindTlsProxy implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
        }
    }

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
