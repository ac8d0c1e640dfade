package io.livetodo.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.support.Api.User;
import io.livetodo.support.GuaranteeCheck.Message;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A real WebSocket client on {@code /live} that records every message and how the connection
 * ended. It follows the protocol as docs/live-protocol.md asks of a client: it sends
 * {@code resume} as soon as it is connected, from what it holds of each list. Every message it
 * receives goes through a {@link GuaranteeCheck}, which {@link #close} asserts.
 */
public final class LiveClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The server's default {@code livetodo.live.max-replay}. */
    private static final long MAX_REPLAY = 10_000;

    private static final String MAX_REPLAY_SETTING = "livetodo.live.max-replay";

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final GuaranteeCheck check;
    private final int connection;
    private final WebSocket socket;

    private LiveClient(URI uri, String token, GuaranteeCheck check) {
        this.check = check;
        this.connection = check.opened();
        HttpClient client = HttpClient.newHttpClient();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
        send(resume(check.resumePoint()));
    }

    /** A first connection: the client holds nothing yet. */
    public static LiveClient connect(String baseUrl, User user) {
        return connect(baseUrl, user, checkFor(baseUrl, user));
    }

    /** Another connection of the client the check stands for, resuming from what it holds. */
    public static LiveClient connect(String baseUrl, User user, GuaranteeCheck check) {
        return new LiveClient(URI.create(baseUrl.replaceFirst("^http", "ws") + "/live"), user.token(), check);
    }

    /**
     * A check for a client of the user's, which asks the server's history whether a resync was due.
     * The replay budget is the test profile's, when the service runs in the test's JVM.
     */
    public static GuaranteeCheck checkFor(String baseUrl, User user) {
        long maxReplay = ConfigProvider.getConfig()
                .getOptionalValue(MAX_REPLAY_SETTING, Long.class)
                .orElse(MAX_REPLAY);
        return new GuaranteeCheck(user.name(), maxReplay, historyOf(baseUrl, user));
    }

    /** Changes after a version are gone when the list's history answers 410 (or the user is no longer in it: 404). */
    public static GuaranteeCheck.History historyOf(String baseUrl, User user) {
        return (listId, after) -> {
            int status = RestAssured.given()
                    .baseUri(baseUrl)
                    .header("Authorization", user.token())
                    .get("/lists/" + listId + "/changes?limit=1&after=" + after)
                    .statusCode();
            return status == 410 || status == 404;
        };
    }

    /** A resume message from those places, list by list. */
    public static String resume(Map<Long, Long> lists) {
        return JSON.createObjectNode()
                .put("type", "resume")
                .set("lists", JSON.valueToTree(lists))
                .toString();
    }

    public GuaranteeCheck check() {
        return check;
    }

    /** After a resync, the client read the list over HTTP up to that version. */
    public void reloaded(long listId, long version) {
        check.reloaded(connection, listId, version);
    }

    /** The next message, waiting up to ten seconds; fails when none comes. */
    public JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message arrived within 10 s");
        }
        return message;
    }

    /** The next message, or null when none comes within the given time. */
    public JsonNode poll(Duration wait) throws InterruptedException {
        return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The next {@code count} messages. */
    public List<JsonNode> next(int count) throws InterruptedException {
        List<JsonNode> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next());
        }
        return received;
    }

    public void send(String text) {
        resumed(text);
        socket.sendText(text, true).join();
    }

    private void resumed(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.path("type").asText().equals("resume")
                    && message.path("lists").isObject()) {
                Map<Long, Long> lists = new HashMap<>();
                message.path("lists")
                        .fields()
                        .forEachRemaining(list -> lists.put(
                                Long.parseLong(list.getKey()), list.getValue().asLong()));
                check.resumed(connection, lists);
            }
        } catch (Exception notAResume) {
            // Whatever else a test sends is the server's to refuse.
        }
    }

    /** The close code the server sent, waiting up to the given time. */
    public int closeCode(Duration wait) throws Exception {
        return closeCode.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    /** Closes the connection, and fails when what it received broke guarantee 1 or 2. */
    @Override
    public void close() {
        check.closed(connection);
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
        check.assertHeld();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    check.received(connection, Message.of(message));
                    messages.add(message);
                } catch (Exception e) {
                    throw new AssertionError("not JSON: " + partial, e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(1006);
        }
    }

    /** Checks that nothing else arrives: a change made now, to the user's own list, is the next message. */
    public static void nothingElseArrives(LiveClient live, Api.User user) throws InterruptedException {
        String marker = "marker " + System.nanoTime();
        Api.createTodo(user, marker);
        assertThat(live.next().path("data").path("name").asText())
                .as("the next message is the marker")
                .isEqualTo(marker);
    }

    /** The version of the list that {@code hello} gives. */
    public static long versionIn(JsonNode hello, long listId) {
        assertThat(hello.path("type").asText()).isEqualTo("hello");
        for (JsonNode list : hello.path("lists")) {
            if (list.path("id").asLong() == listId) {
                return list.path("version").asLong();
            }
        }
        throw new AssertionError("list " + listId + " not in " + hello);
    }
}
