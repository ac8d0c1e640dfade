package io.livetodo.web;

import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.from;
import static io.livetodo.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.Api;
import io.livetodo.support.Api.User;
import io.livetodo.support.StrictAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Behind a proxy that terminates TLS (and says so): the cookies are Secure and carry the
 * {@code __Host-} prefix (no other host or path may set them), and browsers are told to use
 * TLS from then on. Over plain HTTP, where a browser would refuse such cookies, neither.
 */
@QuarkusTest
@TestProfile(StrictAccounts.class)
@Tag("abuse")
class SecureCookieTest {

    private static final String HSTS = "Strict-Transport-Security";

    @Test
    void overTlsCookiesAreSecureHostOnlyAndBrowsersAreToldToStayOnTls() {
        User user = newUser();
        Response overTls = given().header("X-Forwarded-Proto", "https")
                .contentType(ContentType.JSON)
                .body(credentials(user.name(), Api.PASSWORD))
                .post("/user");
        assertThat(overTls.statusCode()).isEqualTo(200);
        assertThat(overTls.getDetailedCookies().hasCookieWithName("session")).isFalse();
        assertThat(overTls.getDetailedCookie("__Host-session").isSecured()).isTrue();
        assertThat(overTls.getDetailedCookie("__Host-session").isHttpOnly()).isTrue();
        assertThat(overTls.getDetailedCookie("__Host-session").getPath()).isEqualTo("/");
        assertThat(overTls.header(HSTS)).startsWith("max-age=");

        Response page = given().header("X-Forwarded-Proto", "https").get("/");
        assertThat(page.getDetailedCookie("__Host-visitor").isSecured()).isTrue();
        assertThat(page.header(HSTS)).startsWith("max-age=");

        String token = overTls.getCookie("__Host-session");
        given().header("X-Forwarded-Proto", "https")
                .cookie("__Host-session", token)
                .get("/user")
                .then()
                .statusCode(200);
    }

    @Test
    void overPlainHttpNeither() {
        User user = newUser();
        Response plain = given().contentType(ContentType.JSON)
                .body(credentials(user.name(), Api.PASSWORD))
                .post("/user");
        assertThat(plain.getDetailedCookie("session").isSecured()).isFalse();
        assertThat(plain.header(HSTS)).isNull();
        assertThat(given().get("/").getDetailedCookie("visitor").isSecured()).isFalse();
    }

    /** Only a trusted proxy may say the request came over TLS. */
    @Test
    void aClientThatSaysItUsedTlsIsNotBelieved() {
        Response direct =
                from("127.0.0.31").header("X-Forwarded-Proto", "https").get("/");
        assertThat(direct.getDetailedCookie("visitor").isSecured()).isFalse();
        assertThat(direct.header(HSTS)).isNull();
    }

    /** Metrics are for the cluster: Prometheus scrapes the instance itself; through the proxy they are not there. */
    @Test
    void metricsAreNotServedThroughTheProxy() {
        given().header("X-Forwarded-For", "198.51.100.20")
                .get("/q/metrics")
                .then()
                .statusCode(404)
                .contentType(ContentType.JSON);
        given().header("Forwarded", "for=198.51.100.20")
                .get("/q/metrics/")
                .then()
                .statusCode(404);
        given().get("/q/metrics").then().statusCode(200);
        from("127.0.0.32")
                .header("X-Forwarded-For", "198.51.100.20")
                .get("/q/metrics")
                .then()
                .statusCode(200);
    }
}
