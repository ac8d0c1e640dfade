package io.livetodo.account;

import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.from;
import static io.livetodo.support.Api.register;
import static io.livetodo.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6, log-in throttling that counts first and cannot be raced, with the default limits. */
@QuarkusTest
@Tag("abuse")
class LoginThrottleTest {

    @Test
    void ofFortyConcurrentWrongPasswordsAtMostFiveAreCheckedAndTheRestRefused() throws Exception {
        String name = uniqueName("raced");
        register(name);
        List<Integer> statuses = concurrently(40, i -> logIn("127.0.0.11", name, "wrong password"));

        // Those beyond the hashing capacity are refused first (503), uncounted; of the others,
        // more than five, the count lets five at most be checked.
        assertThat(statuses).filteredOn(status -> status == 401).hasSizeBetween(1, 5);
        assertThat(statuses).filteredOn(status -> status == 429).isNotEmpty();
        assertThat(statuses).filteredOn(status -> status != 401).containsOnly(429, 503);
        assertThat(logIn("127.0.0.11", name, Api.PASSWORD))
                .as("the right password, from the same address")
                .isEqualTo(429);
    }

    @Test
    void failuresFromOneAddressDoNotLockTheOwnerOutFromAnother() {
        String name = uniqueName("owner");
        register(name);
        for (int i = 0; i < 10; i++) {
            logIn("127.0.0.12", name, "wrong password");
        }
        assertThat(logIn("127.0.0.12", name, Api.PASSWORD)).isEqualTo(429);
        assertThat(logIn("127.0.0.13", name, Api.PASSWORD)).isEqualTo(200);
    }

    @Test
    void aTooManyAnswerSaysWhenToTryAgain() {
        String name = uniqueName("waiting");
        for (int i = 0; i < 5; i++) {
            logIn("127.0.0.14", name, "wrong password");
        }
        Response refused = from("127.0.0.14")
                .contentType(ContentType.JSON)
                .body(credentials(name, "wrong password"))
                .post("/user");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 15 * 60L);
        assertThat(refused.contentType()).startsWith("application/json");
    }

    static int logIn(String address, String username, String password) {
        return from(address)
                .contentType(ContentType.JSON)
                .body(credentials(username, password))
                .post("/user")
                .statusCode();
    }

    static List<Integer> concurrently(int count, IntFunction<Integer> request) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                answers.add(threads.submit(() -> request.apply(n)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            threads.shutdownNow();
        }
    }
}
