package io.livetodo.account;

import static io.livetodo.support.Api.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livetodo.support.Api;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.livetodo.support.StrictAccounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(StrictAccounts.class)
class SessionExpiryTest {

    /** Registered from an address of its own: the profile allows few registrations from each. */
    private static User newUser() {
        return Api.newUserFrom("127.0.0.41");
    }

    @Inject
    SessionJanitor janitor;

    @Test
    void anApiTokenIsNeverIdleAndOutlivesTheJanitorUnlikeItsUsersSession() throws InterruptedException {
        User user = newUser();
        String token = as(user).body("{\"name\": \"cron\", \"scope\": \"read\"}")
                .post("/user/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        Thread.sleep(1_500);
        janitor.deleteEnded().await().atMost(Duration.ofSeconds(5));
        as(user).get("/user").then().statusCode(401);
        as(new User(user.name(), token)).get("/todos/").then().statusCode(200);
    }

    @Test
    void anIdleSessionExpires() throws InterruptedException {
        User user = newUser();
        as(user).get("/user").then().statusCode(200);
        Thread.sleep(1_500);
        as(user).get("/user").then().statusCode(401);
    }

    @Test
    void aLiveConnectionIsClosedWhenItsSessionReachesItsMaximumLifetime() throws Exception {
        User user = newUser();
        try (LiveClient live = LiveClient.connect(RestAssured.baseURI + ":" + RestAssured.port, user)) {
            live.next();
            assertThat(live.closeCode(Duration.ofSeconds(10))).isEqualTo(1008);
        }
    }

    @Test
    void theLastUseOfASessionInUseIsWrittenDown() throws InterruptedException {
        User user = newUser();
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).toMillis() < 1_500) {
            as(user).get("/user").then().statusCode(200);
            Thread.sleep(100);
        }
        // Listed only while the database's last_seen_at is within the idle timeout of one second.
        String lastSeen =
                as(user).get("/user/sessions").then().statusCode(200).extract().path("[0].last_seen_at");
        assertThat(Instant.parse(lastSeen)).isAfter(start.plusMillis(500));
    }

    @Test
    void aSessionInUseStillEndsAtItsMaximumLifetime() throws InterruptedException {
        User user = newUser();
        long start = System.nanoTime();
        // Used every quarter second, the session never goes idle; it must still end at three seconds.
        while (Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000) {
            as(user).get("/user").then().statusCode(200);
            Thread.sleep(250);
        }
        await().atMost(Duration.ofSeconds(4))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> as(user).get("/user").statusCode() == 401);
    }
}
