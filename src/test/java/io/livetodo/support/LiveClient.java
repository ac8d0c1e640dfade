package io.livetodo.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.livetodo.support.Api.User;

/** A real WebSocket client on {@code /live} that records every message and how the connection ended. */
public final class LiveClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final WebSocket socket;

    private LiveClient(URI uri, String token) {
        HttpClient client = HttpClient.newHttpClient();
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        this.socket = builder.buildAsync(uri, new Listener()).join();
    }

    public static LiveClient connect(String baseUrl, User user) {
        return new LiveClient(URI.create(baseUrl.replaceFirst("^http", "ws") + "/live"), user.token());
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
        socket.sendText(text, true).join();
    }

    /** The close code the server sent, waiting up to the given time. */
    public int closeCode(Duration wait) throws Exception {
        return closeCode.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(JSON.readTree(partial.toString()));
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
        assertThat(live.next().path("data").path("name").asText()).as("the next message is the marker").isEqualTo(marker);
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
