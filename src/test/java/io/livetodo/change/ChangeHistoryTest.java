package io.livetodo.change;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.LiveClient.versionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.EventClient;
import io.livetodo.support.LiveClient;
import io.livetodo.support.LowLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LowLimits.class)
class ChangeHistoryTest {

    @Inject
    ChangeHistory history;

    @Test
    void guarantee2_resumingFromBeforeTheKeptHistoryGetsResyncThenLiveChanges() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        for (int i = 0; i < 12; i++) {
            createTodo(user, "old " + i);
        }
        history.prune().await().atMost(Duration.ofSeconds(10));

        try (LiveClient live = LiveClient.connect(base(), user)) {
            assertThat(versionIn(live.next(), list)).isEqualTo(13);
            live.send("{\"type\": \"resume\", \"lists\": {\"" + list + "\": 3}}");
            JsonNode resync = live.next();
            assertThat(resync.path("type").asText()).isEqualTo("resync");
            assertThat(resync.path("list_id").asLong()).isEqualTo(list);

            createTodo(user, "new");
            assertThat(live.next().path("version").asLong()).isEqualTo(14);
        }
        try (LiveClient live = LiveClient.connect(base(), user)) {
            live.next();
            live.send("{\"type\": \"resume\", \"lists\": {\"" + list + "\": 9}}");
            List<JsonNode> replayed = live.next(5);
            assertThat(replayed).extracting(m -> m.path("version").asLong()).containsExactly(10L, 11L, 12L, 13L, 14L);
        }
    }

    @Test
    void theHistoryOverHttpStartsAtTheOldestChangeKeptAndIsGoneBeforeIt() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        for (int i = 0; i < 12; i++) {
            createTodo(user, "old " + i);
        }
        history.prune().await().atMost(Duration.ofSeconds(10));

        as(user).get("/lists/" + list + "/changes?after=3")
                .then()
                .statusCode(410)
                .body("error", containsString("no longer kept"));
        as(user).get("/lists/" + list + "/changes?after=7").then().statusCode(410);
        assertThat(as(user).get("/lists/" + list + "/changes?after=8")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("version", Long.class))
                .containsExactly(9L, 10L, 11L, 12L, 13L);
        assertThat(as(user).get("/lists/" + list + "/changes")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("version", Long.class))
                .containsExactly(9L, 10L, 11L, 12L, 13L);
    }

    @Test
    void anEventStreamResumedFromBeforeTheKeptHistoryGetsResyncAndPingsKeepItPastTheIdleTimeout() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        for (int i = 0; i < 12; i++) {
            createTodo(user, "old " + i);
        }
        history.prune().await().atMost(Duration.ofSeconds(10));

        try (EventClient events = EventClient.connect(base(), user, "?resume=" + list + ":3", null)) {
            assertThat(versionIn(events.next(), list)).isEqualTo(13);
            JsonNode resync = events.next();
            assertThat(resync.path("type").asText()).isEqualTo("resync");
            assertThat(resync.path("list_id").asLong()).isEqualTo(list);

            // Idle connections are cut after two seconds here; pings come every second. (The server
            // ends a stream itself within the dead-after period, three seconds here, as it should.)
            assertThat(events.cutWithin(Duration.ofSeconds(3))).isFalse();
            assertThat(events.comments()).isPositive();
            createTodo(user, "new");
            assertThat(events.next().path("version").asLong()).isEqualTo(14);
        }
    }
}
