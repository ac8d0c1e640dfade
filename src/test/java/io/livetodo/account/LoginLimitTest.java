package io.livetodo.account;

import static io.livetodo.account.LoginThrottleTest.logIn;
import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.from;
import static io.livetodo.support.Api.register;
import static io.livetodo.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import io.livetodo.support.Api;
import io.livetodo.support.StrictAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6: the per-address and per-username log-in limits and the registration limit, set low. */
@QuarkusTest
@TestProfile(StrictAccounts.class)
@Tag("abuse")
class LoginLimitTest {

    @Test
    void tooManyFailedLoginsFromOneAddressAreRefusedWhateverTheUsername() {
        for (int i = 0; i < 3; i++) {
            assertThat(logIn("127.0.0.21", uniqueName("nobody"), "wrong password"))
                    .isEqualTo(401);
        }
        from("127.0.0.21")
                .contentType(ContentType.JSON)
                .body(credentials(uniqueName("other"), "wrong password"))
                .post("/user")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", notNullValue());
    }

    @Test
    void aForgedForwardedAddressDoesNotEscapeThePerAddressLimit() {
        for (int i = 0; i < 3; i++) {
            from("127.0.0.29")
                    .header("X-Forwarded-For", "203.0.113." + i)
                    .contentType(ContentType.JSON)
                    .body(credentials(uniqueName("nobody"), "wrong password"))
                    .post("/user")
                    .then()
                    .statusCode(401);
        }
        from("127.0.0.29")
                .header("X-Forwarded-For", "203.0.113.99")
                .contentType(ContentType.JSON)
                .body(credentials(uniqueName("nobody"), "wrong password"))
                .post("/user")
                .then()
                .statusCode(429);
    }

    /**
     * Behind the trusted proxy (127.0.0.1), each proxy appends the address it took the request
     * from: the rightmost entry that is not a trusted proxy is the client, and the entries to its
     * left are whatever the client wrote, which a client may change at every request.
     */
    @Test
    void behindTheTrustedProxyTheNearestUntrustedHopIsCountedNotWhatTheClientWrote() {
        for (int i = 0; i < 3; i++) {
            from("127.0.0.1")
                    .header("X-Forwarded-For", "203.0.113." + i + ", 198.51.100.7")
                    .contentType(ContentType.JSON)
                    .body(credentials(uniqueName("nobody"), "wrong password"))
                    .post("/user")
                    .then()
                    .statusCode(401);
        }
        from("127.0.0.1")
                .header("X-Forwarded-For", "203.0.113.99, 198.51.100.7")
                .contentType(ContentType.JSON)
                .body(credentials(uniqueName("nobody"), "wrong password"))
                .post("/user")
                .then()
                .statusCode(429);
        from("127.0.0.1")
                .header("X-Forwarded-For", "198.51.100.8")
                .contentType(ContentType.JSON)
                .body(credentials(uniqueName("nobody"), "wrong password"))
                .post("/user")
                .then()
                .statusCode(401);
    }

    @Test
    void trustedProxiesFurtherAlongTheChainAreSkippedInBothHeaderForms() {
        for (int i = 0; i < 2; i++) {
            from("127.0.0.1")
                    .header("X-Forwarded-For", "203.0.113." + i + ", 198.51.100.9, 127.0.0.1")
                    .contentType(ContentType.JSON)
                    .body(credentials(uniqueName("nobody"), "wrong password"))
                    .post("/user")
                    .then()
                    .statusCode(401);
        }
        from("127.0.0.1")
                .header("Forwarded", "for=203.0.113.50, for=\"198.51.100.9:4711\", for=127.0.0.1")
                .contentType(ContentType.JSON)
                .body(credentials(uniqueName("nobody"), "wrong password"))
                .post("/user")
                .then()
                .statusCode(401);
        from("127.0.0.1")
                .header("X-Forwarded-For", "198.51.100.9")
                .contentType(ContentType.JSON)
                .body(credentials(uniqueName("nobody"), "wrong password"))
                .post("/user")
                .then()
                .statusCode(429);
    }

    /** An IPv6 subscriber usually holds a whole /64: each of its addresses counts as the same client. */
    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        String[] addresses = {"2001:db8:5:6::1", "2001:db8:5:6:ffff:ffff:ffff:fffe", "[2001:db8:5:6::77]:4711"};
        for (String address : addresses) {
            from("127.0.0.1")
                    .header("Forwarded", "for=\"" + address + "\"")
                    .contentType(ContentType.JSON)
                    .body(credentials(uniqueName("nobody"), "wrong password"))
                    .post("/user")
                    .then()
                    .statusCode(401);
        }
        from("127.0.0.1")
                .header("X-Forwarded-For", "2001:db8:5:6:1:2:3:4")
                .contentType(ContentType.JSON)
                .body(credentials(uniqueName("nobody"), "wrong password"))
                .post("/user")
                .then()
                .statusCode(429);
        from("127.0.0.1")
                .header("X-Forwarded-For", "2001:db8:5:7::1")
                .contentType(ContentType.JSON)
                .body(credentials(uniqueName("nobody"), "wrong password"))
                .post("/user")
                .then()
                .statusCode(401);
    }

    @Test
    void aUsernameGuessedFromManyAddressesIsRefusedFromEveryAddress() {
        String name = uniqueName("target");
        register(name);
        for (int i = 0; i < 4; i++) {
            assertThat(logIn("127.0.0." + (22 + i), name, "wrong password")).isEqualTo(401);
        }
        assertThat(logIn("127.0.0.26", name, Api.PASSWORD)).isEqualTo(429);
    }

    @Test
    void registrationIsLimitedPerAddress() {
        for (int i = 0; i < 5; i++) {
            registerFrom("127.0.0.27", uniqueName("new")).then().statusCode(201);
        }
        String refused = uniqueName("new");
        registerFrom("127.0.0.27", refused)
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", notNullValue());
        // The refused name was not taken.
        registerFrom("127.0.0.28", refused).then().statusCode(201);
    }

    private static io.restassured.response.Response registerFrom(String address, String name) {
        return from(address)
                .contentType(ContentType.JSON)
                .body(credentials(name, Api.PASSWORD))
                .post("/users");
    }
}
