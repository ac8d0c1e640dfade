package io.livetodo.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.livetodo.support.Api.User;

/**
 * A real HTTP/1.1 client, as a browser is to a plain-HTTP origin, reading {@code /live/events} as
 * the EventSource rules read a stream: lines
 * up to a blank line make an event; {@code data} is the message, {@code id} the last event id;
 * comments are counted and otherwise ignored.
 */
public final class EventClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final HttpResponse<InputStream> response;
    private volatile String lastEventId;
    private volatile int comments;

    private EventClient(HttpResponse<InputStream> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::read, "event-client");
            reader.setDaemon(true);
            reader.start();
        } else {
            ended.complete(null);
        }
    }

    public static EventClient connect(String baseUrl, User user) {
        return connect(baseUrl, user, "", null);
    }

    /** With {@code query} after the path (empty for none), and a {@code Last-Event-ID} unless null. */
    public static EventClient connect(String baseUrl, User user, String query, String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/live/events" + query))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + user.token());
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventClient(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<InputStream> response() {
        return response;
    }

    /** The next message, waiting up to ten seconds; fails when none comes. */
    public JsonNode next() throws InterruptedException {
        JsonNode message = messages.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no event arrived within 10 s");
        }
        return message;
    }

    public List<JsonNode> next(int count) throws InterruptedException {
        List<JsonNode> received = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            received.add(next());
        }
        return received;
    }

    /** The id of the last event that had one, as a browser would send it back. */
    public String lastEventId() {
        return lastEventId;
    }

    public int comments() {
        return comments;
    }

    /** Whether the server ended the stream within the time. */
    public boolean endsWithin(Duration wait) {
        try {
            ended.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        messages.add(JSON.readTree(data.toString()));
                        data.setLength(0);
                    }
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                } else if (line.startsWith("id:")) {
                    lastEventId = line.substring(line.startsWith("id: ") ? 4 : 3);
                }
            }
        } catch (IOException e) {
            // Closed by the test, or cut.
        } finally {
            ended.complete(null);
        }
    }
}
