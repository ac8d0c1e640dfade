package io.livetodo.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.support.Api.User;
import io.livetodo.support.GuaranteeCheck.Message;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 client, as a browser is to a plain-HTTP origin, reading {@code /live/events} as
 * the EventSource rules read a stream: lines up to a blank line make an event; {@code data} is
 * the message, {@code id} the last event id; {@code retry} sets the wait before reconnecting;
 * comments are counted and otherwise ignored. As a browser does, it reconnects when a stream
 * ends, with the last id as {@code Last-Event-ID}, until a reconnection is refused or the test
 * closes it; the {@code hello} of a resumed stream is checked but not handed to the test, which
 * sees one stream of messages. Every message goes through a {@link GuaranteeCheck}, which
 * {@link #close} asserts.
 */
public final class EventClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Per event id received, where the client stood in each list then, as a browser's state would
     * have it; what a stream resumed from that id must go on from.
     */
    private static final Map<String, Map<Long, Long>> PLACES = new ConcurrentHashMap<>();

    private final String url;
    private final User user;
    private final GuaranteeCheck check;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    private final HttpResponse<InputStream> response;
    private final CompletableFuture<Integer> refused = new CompletableFuture<>();
    private final AtomicInteger streams = new AtomicInteger(1);
    /** Where the client stands in each list, by what its streams told it. */
    private final Map<Long, Long> standing;

    private volatile HttpResponse<InputStream> current;
    private volatile int connection;
    /** Completes when the current stream ends: true when the server ended it, false when it was cut. */
    private volatile CompletableFuture<Boolean> streamEnd = new CompletableFuture<>();

    private volatile String lastEventId;
    private volatile int comments;
    private volatile long retryMillis = 1_000;
    private volatile boolean closed;

    private EventClient(String url, User user, GuaranteeCheck check, String lastEventId, Map<Long, Long> standing) {
        this.url = url;
        this.user = user;
        this.check = check;
        this.lastEventId = lastEventId;
        this.standing = new HashMap<>(standing);
        this.connection = check.opened();
        check.resumed(connection, standing);
        if (lastEventId != null && !PLACES.containsKey(lastEventId) && standing.isEmpty()) {
            check.resumedFromUnknownPlace(connection);
        }
        this.response = send(lastEventId);
        this.current = response;
        if (response.statusCode() == 200) {
            Thread reader = new Thread(this::readAndReconnect, "event-client");
            reader.setDaemon(true);
            reader.start();
        } else {
            refused.complete(response.statusCode());
            streamEnd.complete(true);
        }
    }

    public static EventClient connect(String baseUrl, User user) {
        return connect(baseUrl, user, "", null);
    }

    /** With {@code query} after the path (empty for none, or {@code ?resume=<place>}), and a {@code Last-Event-ID} unless null. */
    public static EventClient connect(String baseUrl, User user, String query, String lastEventId) {
        String resumedFrom = lastEventId != null
                ? lastEventId
                : query.startsWith("?resume=") ? query.substring("?resume=".length()) : "";
        Map<Long, Long> standing = PLACES.getOrDefault(resumedFrom, place(resumedFrom));
        return new EventClient(
                baseUrl + "/live/events" + query, user, LiveClient.checkFor(baseUrl, user), lastEventId, standing);
    }

    private HttpResponse<InputStream> send(String lastEventId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + user.token());
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The answer to the first request. */
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

    /** The streams opened so far: the first, and one per reconnection. */
    public int streams() {
        return streams.get();
    }

    /** Whether the stream open now ends within the time, however. */
    public boolean endsWithin(Duration wait) {
        try {
            streamEnd.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Whether the stream open now is cut within the time: its connection closed before the server
     * ended the response, as an idle timeout would.
     */
    public boolean cutWithin(Duration wait) {
        try {
            return !streamEnd.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return false;
        }
    }

    /** The status a reconnection was refused with, within the time; null when none was. */
    public Integer refusedWithin(Duration wait) {
        try {
            return refused.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    /** Closes the stream, and fails when what it received broke guarantee 1 or 2. */
    @Override
    public void close() {
        closed = true;
        check.closed(connection);
        try {
            current.body().close();
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

    /**
     * What the message changes of where the client stands: hello gives the lists it did not have
     * and takes those it no longer has, a change moves its list on, one that ends the user's
     * membership takes it; after resync the client reloads the list, and the stream goes on from
     * where the server stands, whatever stream carries it.
     */
    private void stand(Message message) {
        if (message.type().equals("hello")) {
            standing.keySet().retainAll(message.lists().keySet());
            message.lists().forEach(standing::putIfAbsent);
        } else if (message.type().equals("resync")) {
            standing.put(message.listId(), GuaranteeCheck.RESYNCED);
        } else if (message.type().equals("list.deleted")
                || message.type().equals("member.removed") && check.username().equals(message.member())) {
            standing.remove(message.listId());
        } else if (message.version() > 0) {
            standing.put(message.listId(), message.version());
        }
    }

    private void readAndReconnect() {
        boolean first = true;
        while (true) {
            streamEnd.complete(read(current, first));
            if (closed) {
                return;
            }
            sleep(retryMillis);
            if (closed) {
                return;
            }
            check.closed(connection);
            connection = check.opened();
            check.resumed(connection, Map.copyOf(standing));
            streamEnd = new CompletableFuture<>();
            HttpResponse<InputStream> next = send(lastEventId);
            if (next.statusCode() != 200) {
                refused.complete(next.statusCode());
                streamEnd.complete(true);
                return;
            }
            streams.incrementAndGet();
            current = next;
            first = false;
        }
    }

    /** Reads a stream to its end: true when the server ended the response, false when its connection was cut. */
    private boolean read(HttpResponse<InputStream> stream, boolean first) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            String id = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        JsonNode message = JSON.readTree(data.toString());
                        Message read = Message.of(message);
                        check.received(connection, read);
                        stand(read);
                        if (id != null) {
                            lastEventId = id;
                            PLACES.put(id, Map.copyOf(standing));
                            id = null;
                        }
                        if (first || !read.type().equals("hello")) {
                            messages.add(message);
                        }
                        data.setLength(0);
                    }
                } else if (line.startsWith(":")) {
                    comments++;
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
                } else if (line.startsWith("id:")) {
                    id = line.substring(line.startsWith("id: ") ? 4 : 3);
                } else if (line.startsWith("retry:")) {
                    retryMillis = Long.parseLong(line.substring(6).strip());
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
