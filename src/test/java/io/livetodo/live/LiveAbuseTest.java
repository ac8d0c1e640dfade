package io.livetodo.live;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.Api.share;
import static io.livetodo.support.LiveClient.versionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.livetodo.support.Api.User;
import io.livetodo.support.EventClient;
import io.livetodo.support.LiveClient;
import io.livetodo.support.LowLimits;
import io.livetodo.support.RawLiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** SPEC §6: live connections stay bounded in both directions, and per-user quotas, with the limits set low. */
@QuarkusTest
@TestProfile(LowLimits.class)
@Tag("abuse")
class LiveAbuseTest {

    @Inject
    AgroalDataSource database;

    @Test
    void aClientThatSendsMessagesAndNeverReadsIsClosed() throws Exception {
        try (RawLiveClient flooder = new RawLiveClient(RestAssured.port, newUser(), 4096)) {
            sendUntilRefused(flooder, RawLiveClient.TEXT, "{}".getBytes(StandardCharsets.UTF_8), 3_000);
            assertThat(flooder.readUntilClosed(10_000)).isIn(1008, 1013, -1);
            assertThat(flooder.framesRead()).as("replies it was sent").isLessThan(200);
        }
    }

    @Test
    void aClientThatSendsPingsAndNeverReadsIsClosed() throws Exception {
        try (RawLiveClient flooder = new RawLiveClient(RestAssured.port, newUser(), 4096)) {
            sendUntilRefused(flooder, RawLiveClient.PING, "are you there".getBytes(StandardCharsets.UTF_8), 3_000);
            assertThat(flooder.readUntilClosed(10_000)).isIn(1008, 1013, -1);
            assertThat(flooder.framesRead()).as("pongs it was sent").isLessThan(200);
        }
    }

    @Test
    void aFrameOver64KiBClosesTheConnectionWith1009() throws Exception {
        try (RawLiveClient client = new RawLiveClient(RestAssured.port, newUser(), 64 * 1024)) {
            assertThat(client.next(5_000).text()).contains("\"hello\"");
            // Its head is enough: sending the rest too would race the server's close.
            client.sendHead(RawLiveClient.TEXT, 200 * 1024);
            assertThat(client.readUntilClosed(5_000)).isEqualTo(1009);
        }
    }

    @Test
    void aMessageOver64KiBInSeveralFramesClosesTheConnectionWith1009() throws Exception {
        try (RawLiveClient client = new RawLiveClient(RestAssured.port, newUser(), 64 * 1024)) {
            assertThat(client.next(5_000).text()).contains("\"hello\"");
            byte[] piece = new byte[30 * 1024];
            client.send(RawLiveClient.TEXT, piece, false);
            client.send(RawLiveClient.CONTINUATION, piece, false);
            client.send(RawLiveClient.CONTINUATION, piece, true);
            assertThat(client.readUntilClosed(5_000)).isEqualTo(1009);
        }
    }

    /** The profile's budget is five changes a connection: four are replayed, then three more would pass it. */
    @Test
    void resumeReplaysAtMostTheConnectionsBudgetThenResyncs() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        long other = createList(user, "Second");
        for (int i = 0; i < 4; i++) {
            createTodo(user, "change " + i);
        }
        for (int i = 0; i < 3; i++) {
            createTodo(user, other, "other change " + i);
        }
        try (LiveClient live = LiveClient.connect(base(), user)) {
            JsonNode hello = live.next();
            assertThat(versionIn(hello, list)).isEqualTo(5);
            assertThat(versionIn(hello, other)).isEqualTo(4);
            live.send(LiveClient.resume(Map.of(list, 1L)));
            List<JsonNode> replayed = live.next(4);
            assertThat(replayed).extracting(m -> m.path("version").asLong()).containsExactly(2L, 3L, 4L, 5L);

            live.send(LiveClient.resume(Map.of(other, 1L)));
            JsonNode refused = live.next();
            assertThat(refused.path("type").asText()).isEqualTo("resync");
            assertThat(refused.path("list_id").asLong()).isEqualTo(other);
            createTodo(user, other, "marker");
            assertThat(live.next().path("data").path("name").asText()).isEqualTo("marker");
        }
    }

    /**
     * A page of another origin could open event streams on the user's cookie (a sibling site's
     * cookies go along) and use up their live connections; a stream answers the user's own
     * pages, and clients that send a token of their own.
     */
    @Test
    void anotherSiteCannotOpenAnEventStreamOnTheCookie() throws Exception {
        User user = newUser();
        assertThat(streamOnTheCookie(user, "Sec-Fetch-Site", "same-site")).isEqualTo(403);
        assertThat(streamOnTheCookie(user, "Sec-Fetch-Site", "cross-site")).isEqualTo(403);
        assertThat(streamOnTheCookie(user, "Origin", "https://elsewhere.example"))
                .isEqualTo(403);
        assertThat(streamOnTheCookie(user, "Sec-Fetch-Site", "same-origin")).isEqualTo(200);
        try (EventClient stream = EventClient.connect(base(), user)) {
            assertThat(stream.next().path("type").asText()).isEqualTo("hello");
        }
    }

    /**
     * Each change of who looks at a list is announced to the other instances with a NOTIFY, which
     * takes PostgreSQL's one NOTIFY lock: a client that flips its {@code watch} as fast as it may
     * must not make that many. They gather, at most one per list each presence tick.
     */
    @Test
    void watchingBackAndForthIsAnnouncedAFewTimesNotEachTime() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        try (Connection listening = database.getConnection();
                LiveClient live = LiveClient.connect(base(), user)) {
            listening.setAutoCommit(true);
            try (Statement sql = listening.createStatement()) {
                sql.execute("listen livetodo_presence");
            }
            live.next();
            int flips = 40;
            for (int i = 0; i < flips; i++) {
                live.send(i % 2 == 0 ? PresenceTest.watch(list) : "{\"type\": \"watch\", \"list_id\": null}");
                Thread.sleep(25);
            }
            int announced = 0;
            long until = System.currentTimeMillis() + 1_500;
            PGConnection notifications = listening.unwrap(PGConnection.class);
            while (System.currentTimeMillis() < until) {
                PGNotification[] heard = notifications.getNotifications(100);
                announced += heard == null
                        ? 0
                        : (int) Arrays.stream(heard)
                                .filter(n -> n.getParameter().contains(" " + list + " "))
                                .count();
            }
            assertThat(announced)
                    .as("announcements of the list's viewers, for %d flips in a second", flips)
                    .isLessThan(flips / 2);
        }
    }

    /**
     * SPEC §7: a viewer that disappears is gone from {@code presence} within one ping interval
     * (here a second), though its connection is closed only when it has not answered pings for
     * the dead-after period (here three). This one never answers a ping; it sends pongs that echo
     * none, so that the connection is not idle.
     */
    @Test
    void aViewerThatStopsAnsweringPingsLeavesPresenceWithinAPingInterval() throws Exception {
        User owner = newUser();
        User silent = newUser();
        long list = createList(owner, "Watched");
        share(owner, list, silent);
        try (LiveClient ownerLive = LiveClient.connect(base(), owner)) {
            ownerLive.next();
            ownerLive.send(PresenceTest.watch(list));
            assertThat(PresenceTest.viewers(ownerLive.next(), list)).containsExactly(owner.name());
            long connected = System.nanoTime();
            try (RawLiveClient vanishing = new RawLiveClient(RestAssured.port, silent, 64 * 1024)) {
                vanishing.next(5_000);
                vanishing.sendText(PresenceTest.watch(list));
                assertThat(PresenceTest.viewers(ownerLive.next(), list))
                        .containsExactlyElementsOf(PresenceTest.names(owner, silent));
                ScheduledExecutorService busy = Executors.newSingleThreadScheduledExecutor();
                busy.scheduleAtFixedRate(
                        () -> {
                            try {
                                vanishing.send(RawLiveClient.PONG, "no echo".getBytes(StandardCharsets.US_ASCII), true);
                            } catch (IOException closed) {
                                // Closed at last: the test has read what it needed by then.
                            }
                        },
                        0,
                        400,
                        TimeUnit.MILLISECONDS);
                try {
                    assertThat(PresenceTest.viewers(ownerLive.next(), list)).containsExactly(owner.name());
                } finally {
                    busy.shutdownNow();
                }
                assertThat(Duration.ofNanos(System.nanoTime() - connected))
                        .as(
                                "gone a ping interval after it last answered (and the throttle's second), before the dead-after closes it")
                        .isLessThan(Duration.ofMillis(2_600));
            }
        }
    }

    /**
     * SPEC §6a: an event stream has no way back for pongs, so one whose client vanished or stopped
     * reading is found out by ending every stream within the dead-after period (three seconds
     * here); a browser reconnects, and resumes, by itself. These never read, nor come back.
     */
    @Test
    void eventStreamsNobodyReadsAreEndedWithinTheDeadAfterPeriodAndFreeTheQuota() throws Exception {
        User user = newUser();
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port);
                socket.getOutputStream()
                        .write(("GET /live/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.token()
                                        + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                silent.add(socket);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> streamStatus(user) == 429);
            long full = System.nanoTime();
            await().atMost(Duration.ofSeconds(6))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> streamStatus(user) == 200);
            assertThat(Duration.ofNanos(System.nanoTime() - full))
                    .as("the dead-after period, and the second it is checked in")
                    .isLessThan(Duration.ofMillis(4_500));
            for (Socket socket : silent) {
                socket.setSoTimeout(5_000);
                String stream = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(stream)
                        .startsWith("HTTP/1.1 200")
                        .contains("\"hello\"")
                        .endsWith("0\r\n\r\n");
            }
        } finally {
            for (Socket socket : silent) {
                socket.close();
            }
        }
    }

    /**
     * A stream the server ends (within three seconds here) is resumed by its client: nothing
     * missed, nothing twice, across every renewal. A change every 300 ms keeps what a one-second
     * reconnection misses within the five a connection may have replayed here.
     */
    @Test
    void aStreamTheServerRenewsIsResumedByItsClientWithNothingMissedOrRepeated() throws Exception {
        User user = newUser();
        List<String> made = new ArrayList<>();
        try (EventClient events = EventClient.connect(base(), user)) {
            events.next();
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until) {
                String name = "change " + made.size();
                createTodo(user, name);
                made.add(name);
                Thread.sleep(300);
            }
            List<JsonNode> received = events.next(made.size());
            assertThat(received)
                    .extracting(m -> m.path("data").path("name").asText())
                    .containsExactlyElementsOf(made);
            assertThat(events.streams()).as("streams, one per renewal").isGreaterThan(1);
        }
    }

    /** The status of an event stream opened with the user's token; the stream is closed at once. */
    private static int streamStatus(User user) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/live/events"))
                                .header("Authorization", "Bearer " + user.token())
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    /** The status of an event stream opened on the session cookie, with one header a browser sets; the stream is closed at once. */
    private static int streamOnTheCookie(User user, String header, String value) throws Exception {
        HttpResponse<InputStream> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/live/events"))
                                .header("Cookie", "session=" + user.token())
                                .header(header, value)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        response.body().close();
        return response.statusCode();
    }

    @Test
    void eventStreamsCountInTheSameQuotaAsWebSockets() throws Exception {
        User user = newUser();
        try (LiveClient socket = LiveClient.connect(base(), user);
                EventClient first = EventClient.connect(base(), user);
                EventClient second = EventClient.connect(base(), user)) {
            socket.next();
            first.next();
            second.next();
            try (EventClient refused = EventClient.connect(base(), user)) {
                assertThat(refused.response().statusCode()).isEqualTo(429);
            }
            upgrade(user).then().statusCode(429);
        }
    }

    @Test
    void theConnectionQuotaRefusesTheNextUpgradeWith429UntilOneCloses() throws Exception {
        User user = newUser();
        LiveClient first = LiveClient.connect(base(), user);
        try (LiveClient second = LiveClient.connect(base(), user);
                LiveClient third = LiveClient.connect(base(), user)) {
            first.next();
            second.next();
            third.next();
            upgrade(user).then().statusCode(429).contentType(ContentType.JSON).body("error", notNullValue());

            first.close();
            await().atMost(Duration.ofSeconds(5)).ignoreExceptions().until(() -> {
                try (LiveClient again = LiveClient.connect(base(), user)) {
                    return again.next().path("type").asText().equals("hello");
                }
            });
        } finally {
            first.close();
        }
    }

    /** A WebSocket upgrade of /live, as a plain HTTP request whose refusal a test can read. */
    static Response upgrade(User user) {
        return as(user).header("Connection", "Upgrade")
                .header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .get("/live");
    }

    /** Sends the frame up to {@code count} times without reading, until the server stops taking them. */
    private static void sendUntilRefused(RawLiveClient client, int opcode, byte[] payload, int count) {
        try {
            for (int i = 0; i < count; i++) {
                client.send(opcode, payload, true);
            }
        } catch (IOException closed) {
            // The server closed the connection: what the test waits for.
        }
    }
}
