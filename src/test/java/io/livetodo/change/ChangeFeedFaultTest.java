package io.livetodo.change;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.login;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static io.livetodo.support.LiveClient.versionIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.livetodo.support.LowLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6, the change feed cannot die silently: its connection killed or frozen, nothing is lost. */
@QuarkusTest
@TestProfile(LowLimits.class)
@Tag("abuse")
class ChangeFeedFaultTest {

    @Inject
    AgroalDataSource database;

    @Test
    void killingTheListeningConnectionTakesReadinessDownUntilItIsBackAndTheNextChangeArrives() throws Exception {
        User user = newUser();
        try (LiveClient live = LiveClient.connect(base(), user)) {
            live.next();
            execute("select pg_terminate_backend(" + feedBackend() + ")");

            assertThat(feedStatusesUntilUp())
                    .as("readiness of the change feed, as polled")
                    .contains("DOWN");
            createTodo(user, "after the reconnect");
            assertThat(live.next().path("data").path("name").asText()).isEqualTo("after the reconnect");
        }
    }

    @Test
    void aFrozenListeningConnectionIsReplacedAndEverythingItMissedArrives() throws Exception {
        User owner = newUser();
        User member = newUser();
        User newcomer = newUser();
        User revoked = newUser();
        User revokedElsewhere = new User(revoked.name(), login(revoked.name()));
        long list = createList(owner, "Shared");
        share(owner, list, member);
        long later = createList(owner, "Shared while frozen");
        try (LiveClient memberLive = LiveClient.connect(base(), member);
                LiveClient newcomerLive = LiveClient.connect(base(), newcomer);
                LiveClient revokedLive = LiveClient.connect(base(), revokedElsewhere)) {
            long start = versionIn(memberLive.next(), list);
            newcomerLive.next();
            revokedLive.next();

            long backend = feedBackend();
            signal("STOP", backend);
            try {
                as(owner)
                        .delete("/lists/" + list + "/members/" + member.name())
                        .then()
                        .statusCode(204);
                share(owner, list, member);
                createTodo(owner, list, "while frozen");
                share(owner, later, newcomer);
                Number session =
                        as(revoked).get("/user/sessions").then().extract().path("find { !it.current }.id");
                as(revoked).delete("/user/sessions/" + session).then().statusCode(204);

                List<JsonNode> missed = memberLive.next(3);
                assertThat(missed)
                        .extracting(m -> m.path("type").asText())
                        .containsExactly("member.removed", "member.added", "todo.created");
                assertThat(missed)
                        .extracting(m -> m.path("version").asLong())
                        .containsExactly(start + 1, start + 2, start + 3);
                JsonNode added = newcomerLive.next();
                assertThat(added.path("type").asText()).isEqualTo("member.added");
                assertThat(added.path("list_id").asLong()).isEqualTo(later);
                assertThat(revokedLive.closeCode(Duration.ofSeconds(10))).isEqualTo(1008);
            } finally {
                signal("CONT", backend);
            }
        }
    }

    /**
     * Sessions are kept in memory only while the feed would announce their end. The session is
     * deleted in the database directly, so no instance hears of it except through the feed, which
     * is frozen: once the heartbeat finds the feed silent, the session is asked of the database again.
     */
    @Test
    void aSessionEndedWhileTheFeedIsFrozenIsRefusedOnceTheFeedIsFoundSilent() throws Exception {
        User user = newUser();
        as(user).get("/user").then().statusCode(200);
        long backend = feedBackend();
        signal("STOP", backend);
        try {
            execute("delete from user_session where token_hash = sha256(convert_to('" + user.token() + "', 'UTF8'))");
            long deadline = System.currentTimeMillis() + 5_000;
            int status = 200;
            while (status == 200 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
                status = as(user).get("/user").then().extract().statusCode();
            }
            assertThat(status)
                    .as("the ended session, within 5 s of the feed freezing (heartbeat 1 s)")
                    .isEqualTo(401);
        } finally {
            signal("CONT", backend);
        }
    }

    /** The change feed's status in /q/health/ready, polled until it is UP again; every status seen, in order. */
    private static List<String> feedStatusesUntilUp() throws InterruptedException {
        List<String> seen = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
            String status = health.getString("checks.find { it.name == 'livetodo change feed' }.status");
            seen.add(status);
            if (seen.contains("DOWN") && "UP".equals(status)) {
                return seen;
            }
            Thread.sleep(50);
        }
        return seen;
    }

    private long feedBackend() throws SQLException {
        try (Connection connection = database.getConnection();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery(
                                "select pid from pg_stat_activity where application_name = 'livetodo change feed'")) {
            assertThat(rows.next()).as("the change feed's backend").isTrue();
            return rows.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.getConnection()) {
            connection.createStatement().execute(sql);
        }
    }

    /** Sends a signal to a database backend: STOP freezes it with its connection open, CONT thaws it. */
    private static void signal(String signal, long pid) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                        .start()
                        .waitFor())
                .isZero();
    }
}
