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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.livetodo.support.Api.User;
import io.livetodo.support.GuaranteeCheck.Message;

/**
 * A real HTTP/1.1 client, as a browser is to a plain-HTTP origin, reading {@code /live/events} as
 * the EventSource rules read a stream: lines
 * up to a blank line make an event; {@code data} is the message, {@code id} the last event id;
 * comments are counted and otherwise ignored. Every message goes through a {@link GuaranteeCheck},
 * which {@link #close} asserts.
 */
public final class EventClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final GuaranteeCheck check;
    private final int connection;
    private final HttpResponse<InputStream> response;
    private volatile String lastEventId;
    private volatile int comments;

    private EventClient(GuaranteeCheck check, int connection, HttpResponse<InputStream> response) {
        this.check = check;
        this.connection = connection;
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

    /** With {@code query} after the path (empty for none, or {@code ?resume=<place>}), and a {@code Last-Event-ID} unless null. */
    public static EventClient connect(String baseUrl, User user, String query, String lastEventId) {
        GuaranteeCheck check = LiveClient.checkFor(baseUrl, user);
        int connection = check.opened();
        String place = lastEventId != null ? lastEventId : query.startsWith("?resume=") ? query.substring("?resume=".length()) : "";
        check.resumed(connection, place(place));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/live/events" + query))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + user.token());
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return new EventClient(check, connection, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build()
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

    /** Closes the stream, and fails when what it received broke guarantee 1 or 2. */
    @Override
    public void close() {
        check.closed(connection);
        try {
            response.body().close();
        } catch (IOException e) {
            // Already closed.
        }
        check.assertHeld();
    }

    /** An event id's place, {@code list:version,...}, as a map. */
    private static Map<Long, Long> place(String place) {
        Map<Long, Long> lists = new HashMap<>();
        for (String part : place.split(",")) {
            String[] listAndVersion = part.split(":");
            try {
                lists.put(Long.parseLong(listAndVersion[0]), Long.parseLong(listAndVersion[1]));
            } catch (RuntimeException malformed) {
                // The server refuses it; the check has nothing to expect of it.
            }
        }
        return lists;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        JsonNode message = JSON.readTree(data.toString());
                        check.received(connection, Message.of(message));
                        messages.add(message);
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
