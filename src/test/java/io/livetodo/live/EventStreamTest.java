package io.livetodo.live;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.LiveClient.versionIn;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.EventClient;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §7: {@code GET /live/events}, the live protocol over server-sent events, read by a real HTTP client. */
@QuarkusTest
class EventStreamTest {

    /** A stream's token and the event's number on it: the same size however many lists the user has. */
    static final String EVENT_ID = "[A-Za-z0-9_-]{22}\\.[0-9]+";

    @Test
    void theStreamSaysHelloThenEveryChangeOnceInOrderAsLiveDoes() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        try (EventClient events = EventClient.connect(base(), user);
                LiveClient live = LiveClient.connect(base(), user)) {
            assertThat(events.response().statusCode()).isEqualTo(200);
            assertThat(events.response().headers().firstValue("Content-Type").orElseThrow())
                    .startsWith("text/event-stream");
            long start = versionIn(events.next(), list);
            String helloId = events.lastEventId();
            assertThat(helloId).matches(EVENT_ID).endsWith(".1");
            live.next();

            long first = createTodo(user, "one");
            createTodo(user, "two");
            as(user).delete("/todos/" + first).then().statusCode(204);

            List<JsonNode> received = events.next(3);
            assertThat(received)
                    .extracting(m -> m.path("version").asLong())
                    .containsExactly(start + 1, start + 2, start + 3);
            assertThat(received)
                    .extracting(m -> m.path("type").asText())
                    .containsExactly("todo.created", "todo.created", "todo.deleted");
            assertThat(received).isEqualTo(live.next(3));
            assertThat(events.lastEventId()).isEqualTo(helloId.replace(".1", ".4"));
        }
    }

    @Test
    void aStreamCutAndResumedWithLastEventIdGetsWhatItMissedInEveryListOnceAndNothingElse() throws Exception {
        User user = newUser();
        long personal = personalListId(user);
        long other = createList(user, "Other");
        String lastSeen;
        long personalStart;
        try (EventClient events = EventClient.connect(base(), user)) {
            personalStart = versionIn(events.next(), personal);
            createTodo(user, other, "seen");
            events.next();
            lastSeen = events.lastEventId();
        }
        createTodo(user, "missed 1");
        createTodo(user, other, "missed 2");
        createTodo(user, "missed 3");

        try (EventClient events = EventClient.connect(base(), user, "", lastSeen)) {
            assertThat(events.next().path("type").asText()).isEqualTo("hello");
            List<JsonNode> missed = events.next(3);
            assertThat(missed.stream()
                            .filter(m -> m.path("list_id").asLong() == personal)
                            .map(m -> m.path("version").asLong()))
                    .containsExactly(personalStart + 1, personalStart + 2);
            assertThat(missed)
                    .extracting(m -> m.path("data").path("name").asText())
                    .containsExactlyInAnyOrder("missed 1", "missed 2", "missed 3");
            String marker = "after the resume";
            createTodo(user, marker);
            assertThat(events.next().path("data").path("name").asText()).isEqualTo(marker);
        }
    }

    /** An id the server cannot resolve (a stream it never had, or no longer keeps) has the client reload every list. */
    @Test
    void anIdOfAStreamTheServerDoesNotKnowHasTheClientReloadEveryList() throws Exception {
        User user = newUser();
        long personal = personalListId(user);
        long other = createList(user, "Other");
        try (EventClient events = EventClient.connect(base(), user, "", "AAAAAAAAAAAAAAAAAAAAAA.7")) {
            assertThat(events.next().path("type").asText()).isEqualTo("hello");
            List<JsonNode> reloads = events.next(2);
            assertThat(reloads).extracting(m -> m.path("type").asText()).containsOnly("resync");
            assertThat(reloads).extracting(m -> m.path("list_id").asLong()).containsExactlyInAnyOrder(personal, other);
            createTodo(user, other, "after");
            assertThat(events.next().path("data").path("name").asText()).isEqualTo("after");
        }
    }

    @Test
    void resumeInTheQueryDoesTheSameAndAMalformedPlaceIs400() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        createTodo(user, "a");
        long seenA = as(user).get("/lists/" + list).then().extract().jsonPath().getLong("version");
        createTodo(user, "b");
        try (EventClient events = EventClient.connect(base(), user, "?resume=" + list + ":" + seenA, null)) {
            events.next();
            assertThat(events.next().path("data").path("name").asText()).isEqualTo("b");
        }
        given().header("Authorization", "Bearer " + user.token())
                .get("/live/events?resume=" + list + ":x")
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", containsString("list:version"));
    }

    @Test
    void aStreamIsForLoggedInUsersOnly() {
        given().get("/live/events").then().statusCode(401).contentType("application/json");
        given().header("Authorization", "Bearer not-a-token")
                .get("/live/events")
                .then()
                .statusCode(401);
    }

    @Test
    void loggingOutEndsTheSessionsStreamsWithinASecond() throws Exception {
        User user = newUser();
        try (EventClient events = EventClient.connect(base(), user)) {
            events.next();
            as(user).delete("/user").then().statusCode(200);
            assertThat(events.endsWithin(Duration.ofSeconds(1))).isTrue();
            assertThat(events.refusedWithin(Duration.ofSeconds(5)))
                    .as("the browser's reconnection")
                    .isEqualTo(401);
        }
        assertThat(EventClient.connect(base(), user).response().statusCode()).isEqualTo(401);
    }
}
