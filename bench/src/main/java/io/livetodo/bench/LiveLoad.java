package io.livetodo.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.parsetools.RecordParser;

/**
 * Load for livetodo's live connections: logs in many users, opens their connections from
 * several loopback addresses, makes changes at a steady rate over HTTP, and reports connect
 * times, delivery latency (from the {@code at} of each change to its arrival) and messages lost.
 *
 * <pre>
 * --mode shared|own|idle  shared: every user is a member of one list; own: each user's personal list
 * --transport ws|sse      live connections on /live (WebSocket, the default) or /live/events (server-sent events)
 * --users N               users (default 1000), each with --per-user connections (default 1)
 * --rate R --duration S   changes per second, for S seconds (default 1 for 60)
 * --warmup S              first make changes at the same rate for S seconds, not measured (default 0)
 * --reads R               meanwhile, R reads a second of a random user's GET /todos/ (default 0)
 * --url U                 the server (default http://127.0.0.1:8080)
 * --addresses A           client source addresses 127.0.0.1 .. 127.0.0.A (default 8)
 * --hold S                idle mode: keep the connections open S seconds (default 60)
 * --prefix P              username prefix (default bench)
 * --cache-dir D           where session tokens are kept between runs, as tokens-P.txt (default target)
 * </pre>
 */
public final class LiveLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "bench-password";

    private final Map<String, String> options;
    private final Vertx vertx;
    private final HttpClient http;
    /** Reads have connections of their own: a user's read never waits behind another user's write. */
    private final HttpClient readHttp;
    private final List<WebSocketClient> sockets = new ArrayList<>();
    /** Event streams, each holding its HTTP connection, from the same source addresses as the sockets. */
    private final List<HttpClient> streams = new ArrayList<>();
    private final String host;
    private final int port;

    private final List<Connection> connections = new ArrayList<>();
    private final AtomicInteger failedConnections = new AtomicInteger();
    private final Latencies latencies = new Latencies();
    private final Latencies readLatencies = new Latencies();
    private final Latencies writeLatencies = new Latencies();
    private final AtomicLong readsFailed = new AtomicLong();
    private final AtomicInteger readsInFlight = new AtomicInteger();
    private final AtomicLong changesAcknowledged = new AtomicLong();
    private final AtomicLong changesFailed = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** One live connection: per list, the hello version and what arrived since. */
    static final class Connection {
        final int user;
        final Map<Long, ListTally> lists = new ConcurrentHashMap<>();
        volatile long connectMillis;
        volatile boolean closed;
        /** An event stream's last event id, which its reconnection resumes from, as a browser's does. */
        volatile String lastEventId;
        volatile int renewals;

        Connection(int user) {
            this.user = user;
        }
    }

    /** What one connection received of one list, from the version its hello gave. */
    static final class ListTally {
        final long helloVersion;
        long lastVersion;
        long inOrder;
        long outOfOrder;

        ListTally(long helloVersion) {
            this.helloVersion = helloVersion;
            this.lastVersion = helloVersion;
        }

        void arrived(long version) {
            if (version == lastVersion + 1) {
                inOrder++;
            } else {
                outOfOrder++;
            }
            lastVersion = Math.max(lastVersion, version);
        }
    }

    /** The highest delivery latency of any message of one version. */
    record SlowVersion(long version, long micros) {
    }

    /** Delivery latencies in microseconds, with the version each was of, appended from every event loop. */
    static final class Latencies {
        private long[] values = new long[1 << 16];
        private long[] versions = new long[1 << 16];
        private int size;

        synchronized void add(long micros, long version) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
                versions = Arrays.copyOf(versions, size * 2);
            }
            values[size] = micros;
            versions[size++] = version;
        }

        /** The highest latency of each version, slowest first: which changes made the tail. */
        synchronized List<SlowVersion> slowestVersions(int count) {
            Map<Long, Long> worst = new HashMap<>();
            for (int i = 0; i < size; i++) {
                worst.merge(versions[i], values[i], Math::max);
            }
            return worst.entrySet().stream()
                    .sorted(Map.Entry.<Long, Long>comparingByValue().reversed())
                    .limit(count)
                    .map(e -> new SlowVersion(e.getKey(), e.getValue()))
                    .toList();
        }

        synchronized void clear() {
            size = 0;
        }

        synchronized long[] sorted() {
            long[] copy = Arrays.copyOf(values, size);
            Arrays.sort(copy);
            return copy;
        }
    }

    private LiveLoad(Map<String, String> options) {
        this.options = options;
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        java.net.URI url = java.net.URI.create(option("url", "http://127.0.0.1:8080"));
        this.host = url.getHost();
        this.port = url.getPort();
        this.http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true));
        this.readHttp = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setKeepAlive(true));
        int addresses = Integer.parseInt(option("addresses", "8"));
        for (int i = 1; i <= addresses; i++) {
            sockets.add(vertx.createWebSocketClient(new WebSocketClientOptions()
                    .setLocalAddress("127.0.0." + i)
                    .setMaxConnections(1_000_000)
                    .setConnectTimeout(60_000)));
            streams.add(vertx.createHttpClient(new HttpClientOptions()
                    .setLocalAddress("127.0.0." + i)
                    .setMaxPoolSize(1_000_000)
                    .setConnectTimeout(60_000)));
        }
    }

    /** {@code --name value} pairs. */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    public static void main(String[] args) throws Exception {
        LiveLoad load = new LiveLoad(parse(args));
        try {
            load.run();
        } finally {
            load.vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private void run() throws Exception {
        String mode = option("mode", "shared");
        int users = Integer.parseInt(option("users", "1000"));
        int perUser = Integer.parseInt(option("per-user", "1"));
        String prefix = option("prefix", "bench");

        long setupStart = System.nanoTime();
        List<String> tokens = tokens(prefix, users);
        long sharedList = mode.equals("shared") ? await(sharedList(prefix, tokens)) : -1;
        System.out.printf("setup: %d users logged in%s in %.1f s%n", users,
                sharedList > 0 ? ", all members of list " + sharedList : "", (System.nanoTime() - setupStart) / 1e9);

        long connectStart = System.nanoTime();
        await(inBatches(users * perUser, 200, i -> connect(i / perUser, tokens.get(i / perUser), i)));
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        long[] connectTimes = connections.stream().mapToLong(c -> c.connectMillis).sorted().toArray();
        System.out.printf("connect: %d open, %d failed, in %.1f s; per connection p50 %d ms, p99 %d ms, max %d ms%n",
                connections.size(), failedConnections.get(), connectSeconds,
                percentile(connectTimes, 50), percentile(connectTimes, 99), connectTimes.length == 0 ? 0 : connectTimes[connectTimes.length - 1]);

        if (mode.equals("idle")) {
            int hold = Integer.parseInt(option("hold", "60"));
            System.out.printf("idle: holding %d connections for %d s%n", connections.size(), hold);
            Thread.sleep(hold * 1000L);
            return;
        }

        Thread.sleep(2_000);
        double rate = Double.parseDouble(option("rate", "1"));
        int duration = Integer.parseInt(option("duration", "60"));
        int warmup = Integer.parseInt(option("warmup", "0"));
        if (warmup > 0) {
            System.out.printf("warm-up: %.0f per second for %d s (%s), not measured%n", rate, warmup, mode);
            makeChanges(mode, rate, warmup, tokens, sharedList, "warm-up");
            Thread.sleep(2_000);
            latencies.clear();
            readLatencies.clear();
            writeLatencies.clear();
            readsFailed.set(0);
            changesAcknowledged.set(0);
            changesFailed.set(0);
        }
        System.out.printf("changes: %.0f per second for %d s (%s)%n", rate, duration, mode);
        long sent = makeChanges(mode, rate, duration, tokens, sharedList, "load");
        Thread.sleep(5_000);

        Map<Integer, Map<Long, Long>> finalVersions = await(finalVersions(tokens, connections));
        report(finalVersions, sent, duration);
    }

    /** Makes {@code rate} changes a second for {@code seconds}, and waits for their answers; returns how many. */
    private long makeChanges(String mode, double rate, int seconds, List<String> tokens, long sharedList, String label)
            throws InterruptedException {
        String run = label + " " + Long.toString(System.currentTimeMillis(), 36);
        double readRate = Double.parseDouble(option("reads", "0"));
        long start = System.nanoTime();
        AtomicLong sent = new AtomicLong();
        AtomicLong read = new AtomicLong();
        long timer = vertx.setPeriodic(5, id -> {
            double elapsed = (System.nanoTime() - start) / 1e9;
            while (sent.get() < elapsed * rate && inFlight.get() < 512) {
                long n = sent.incrementAndGet();
                int user = mode.equals("shared") ? 0 : ThreadLocalRandom.current().nextInt(tokens.size());
                String path = mode.equals("shared") ? "/lists/" + sharedList + "/todos/" : "/todos/";
                change(tokens.get(user), path, "{\"name\": \"" + run + " " + n + "\"}");
            }
            while (read.get() < elapsed * readRate && readsInFlight.get() < 512) {
                read.incrementAndGet();
                read(tokens.get(ThreadLocalRandom.current().nextInt(tokens.size())));
            }
        });
        Thread.sleep(seconds * 1000L);
        vertx.cancelTimer(timer);
        while (inFlight.get() > 0 || readsInFlight.get() > 0) {
            Thread.sleep(50);
        }
        return sent.get();
    }

    private void report(Map<Integer, Map<Long, Long>> finalVersions, long attempted, int duration) {
        long expected = 0;
        long received = 0;
        long disorder = 0;
        for (Connection connection : connections) {
            Map<Long, Long> versions = finalVersions.getOrDefault(connection.user, Map.of());
            for (Map.Entry<Long, ListTally> entry : connection.lists.entrySet()) {
                ListTally list = entry.getValue();
                expected += versions.getOrDefault(entry.getKey(), list.helloVersion) - list.helloVersion;
                received += list.inOrder;
                disorder += list.outOfOrder;
            }
        }
        long[] sorted = latencies.sorted();
        long closed = connections.stream().filter(c -> c.closed).count();
        long renewals = connections.stream().mapToLong(c -> c.renewals).sum();
        System.out.printf("changes: %d attempted, %d acknowledged, %d failed (%.1f per second)%n",
                attempted, changesAcknowledged.get(), changesFailed.get(), changesAcknowledged.get() / (double) duration);
        long[] writes = writeLatencies.sorted();
        System.out.printf("answers to writes (303): p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                percentile(writes, 50) / 1000.0, percentile(writes, 99) / 1000.0, percentile(writes, 99.9) / 1000.0,
                writes.length == 0 ? 0 : writes[writes.length - 1] / 1000.0);
        System.out.printf("messages: %d expected, %d received, %d lost, %d out of order or duplicated; %d connections closed by the server"
                + " (event streams: %d renewed and resumed)%n", expected, received, Math.max(0, expected - received), disorder, closed, renewals);
        System.out.printf("latency from commit to receipt: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (%d samples)%n",
                percentile(sorted, 50) / 1000.0, percentile(sorted, 99) / 1000.0, percentile(sorted, 99.9) / 1000.0,
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1000.0, sorted.length);
        if (!option("reads", "0").equals("0")) {
            long[] reads = readLatencies.sorted();
            System.out.printf("reads (GET /todos/): %d answered 200 (%.1f per second), %d failed; p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                    reads.length, reads.length / (double) duration, readsFailed.get(), percentile(reads, 50) / 1000.0,
                    percentile(reads, 99) / 1000.0, percentile(reads, 99.9) / 1000.0, reads.length == 0 ? 0 : reads[reads.length - 1] / 1000.0);
        }
        StringBuilder slowest = new StringBuilder();
        for (SlowVersion version : latencies.slowestVersions(5)) {
            slowest.append(String.format(" v%d %.1f ms;", version.version(), version.micros() / 1000.0));
        }
        System.out.println("slowest versions (highest latency of any of their messages):" + slowest);
    }

    /** A connection counts as open once its hello has arrived; one that fails is counted and left out. */
    private Future<Void> connect(int user, String token, int index) {
        Connection connection = new Connection(user);
        long start = System.currentTimeMillis();
        Future<Void> hello = option("transport", "ws").equals("sse") ? stream(connection, token, index) : socket(connection, token, index);
        return hello.onSuccess(ignored -> {
            connection.connectMillis = System.currentTimeMillis() - start;
            synchronized (connections) {
                connections.add(connection);
            }
        }).recover(failure -> {
            failedConnections.incrementAndGet();
            return Future.succeededFuture();
        });
    }

    private Future<Void> socket(Connection connection, String token, int index) {
        WebSocketConnectOptions connect = new WebSocketConnectOptions()
                .setHost(host).setPort(port).setURI("/live")
                .addHeader("Authorization", "Bearer " + token);
        return sockets.get(index % sockets.size()).connect(connect).compose(ws -> {
            Promise<Void> hello = Promise.promise();
            ws.textMessageHandler(text -> received(connection, text, hello));
            ws.closeHandler(ignored -> connection.closed = true);
            // As a client that follows the protocol does: resume first (from nothing), so hello need not wait for it.
            ws.writeTextMessage("{\"type\":\"resume\",\"lists\":{}}");
            return hello.future();
        });
    }

    /**
     * An event stream, read event by event (a blank line ends each); its data line is the same
     * message /live sends. The server ends every stream within its dead-after period; like a
     * browser, this reconnects a second later with the last id as Last-Event-ID, and the resumed
     * stream goes on where the last one stopped (its hello is not counted again).
     */
    private Future<Void> stream(Connection connection, String token, int index) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(host).setPort(port).setURI("/live/events")
                .addHeader("Authorization", "Bearer " + token).addHeader("Accept", "text/event-stream");
        boolean resumed = connection.lastEventId != null;
        if (resumed) {
            request.addHeader("Last-Event-ID", connection.lastEventId);
        }
        return streams.get(index % streams.size()).request(request).compose(HttpClientRequest::send).compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture("status " + response.statusCode());
            }
            Promise<Void> hello = Promise.promise();
            RecordParser events = RecordParser.newDelimited("\n\n", event -> {
                String text = event.toString(StandardCharsets.UTF_8);
                int id = text.indexOf("id: ");
                if (id >= 0) {
                    connection.lastEventId = text.substring(id + 4, text.indexOf('\n', id));
                }
                int data = text.indexOf("data: ");
                if (data >= 0 && !(resumed && text.startsWith("{\"type\":\"hello\"", data + 6))) {
                    received(connection, text.substring(data + 6), hello);
                }
            });
            response.handler(events);
            response.endHandler(ignored -> renew(connection, token, index));
            response.exceptionHandler(ignored -> renew(connection, token, index));
            return resumed ? Future.succeededFuture() : hello.future();
        });
    }

    private void renew(Connection connection, String token, int index) {
        vertx.setTimer(1_000, timer -> stream(connection, token, index).onSuccess(renewed -> connection.renewals++)
                .onFailure(refused -> connection.closed = true));
    }

    private void received(Connection connection, String text, Promise<Void> hello) {
        Instant arrival = Instant.now();
        long now = arrival.getEpochSecond() * 1_000_000 + arrival.getNano() / 1000;
        try {
            if (!text.startsWith("{\"type\":\"hello\"")) {
                changed(connection, text, now);
                return;
            }
            for (JsonNode list : JSON.readTree(text).path("lists")) {
                connection.lists.put(list.path("id").asLong(), new ListTally(list.path("version").asLong()));
            }
            hello.tryComplete();
        } catch (Exception e) {
            System.err.println("unreadable message: " + text);
        }
    }

    /**
     * A change frame, read without a JSON parser: the server writes its fields in a fixed order
     * ({@code type, list_id, version, at, data}), and with ten thousand connections on two cores
     * a full parse per message would be most of what the load tool measures.
     */
    private void changed(Connection connection, String text, long now) {
        ListTally list = connection.lists.get(Long.parseLong(field(text, "\"list_id\":", ',')));
        if (list == null) {
            return;
        }
        long version = Long.parseLong(field(text, "\"version\":", ','));
        list.arrived(version);
        Instant at = Instant.parse(field(text, "\"at\":\"", '"'));
        latencies.add(now - (at.getEpochSecond() * 1_000_000 + at.getNano() / 1000), version);
    }

    private static String field(String text, String key, char end) {
        int start = text.indexOf(key) + key.length();
        return text.substring(start, text.indexOf(end, start));
    }

    private void change(String token, String path, String body) {
        inFlight.incrementAndGet();
        long start = System.nanoTime();
        request(http, HttpMethod.POST, path, token, body).onComplete(result -> {
            inFlight.decrementAndGet();
            if (result.succeeded() && result.result().status() == 303) {
                writeLatencies.add((System.nanoTime() - start) / 1000, 0);
                changesAcknowledged.incrementAndGet();
            } else {
                changesFailed.incrementAndGet();
            }
        });
    }

    /** Reads a user's personal list, timing it from the request to the whole answer. */
    private void read(String token) {
        readsInFlight.incrementAndGet();
        long start = System.nanoTime();
        request(readHttp, HttpMethod.GET, "/todos/", token, null).onComplete(result -> {
            readsInFlight.decrementAndGet();
            if (result.succeeded() && result.result().status() == 200) {
                readLatencies.add((System.nanoTime() - start) / 1000, 0);
            } else {
                readsFailed.incrementAndGet();
            }
        });
    }

    private List<String> tokens(String prefix, int users) throws Exception {
        Path cache = Path.of(option("cache-dir", "target"), "tokens-" + prefix + ".txt");
        if (Files.exists(cache)) {
            List<String> cached = Files.readAllLines(cache);
            if (cached.size() >= users && await(request(HttpMethod.GET, "/user", cached.get(0), null)).status() == 200) {
                return cached.subList(0, users);
            }
        }
        String[] tokens = new String[users];
        await(inBatches(users, 32, i -> {
            String name = prefix + "_" + i;
            String credentials = "{\"username\": \"" + name + "\", \"password\": \"" + PASSWORD + "\"}";
            return request(HttpMethod.POST, "/users", null, credentials)
                    .compose(registered -> request(HttpMethod.POST, "/user", null, credentials))
                    .map(login -> {
                        tokens[i] = login.json().path("session_id").asText();
                        return null;
                    });
        }));
        Files.createDirectories(cache.toAbsolutePath().getParent());
        Files.write(cache, Arrays.asList(tokens));
        return Arrays.asList(tokens);
    }

    private Future<Long> sharedList(String prefix, List<String> tokens) {
        String name = prefix + " shared";
        return request(HttpMethod.GET, "/lists", tokens.get(0), null).compose(lists -> {
            for (JsonNode list : lists.json()) {
                if (list.path("name").asText().equals(name)) {
                    return Future.succeededFuture(list.path("id").asLong());
                }
            }
            return request(HttpMethod.POST, "/lists", tokens.get(0), "{\"name\": \"" + name + "\"}")
                    .map(created -> created.json().path("id").asLong());
        }).compose(list -> inBatches(tokens.size() - 1, 32,
                i -> request(HttpMethod.PUT, "/lists/" + list + "/members/" + prefix + "_" + (i + 1), tokens.get(0), null)
                        .<Void>mapEmpty())
                .map(list));
    }

    /** The version of every list each user follows, as the server has it now. */
    private Future<Map<Integer, Map<Long, Long>>> finalVersions(List<String> tokens, List<Connection> open) {
        int[] users = open.stream().mapToInt(c -> c.user).distinct().toArray();
        Map<Integer, Map<Long, Long>> versions = new ConcurrentHashMap<>();
        return inBatches(users.length, 32, i -> request(HttpMethod.GET, "/lists", tokens.get(users[i]), null).map(lists -> {
            Map<Long, Long> byList = new HashMap<>();
            for (JsonNode list : lists.json()) {
                byList.put(list.path("id").asLong(), list.path("version").asLong());
            }
            versions.put(users[i], byList);
            return null;
        })).map(versions);
    }

    record Reply(int status, JsonNode json) {
    }

    private Future<Reply> request(HttpMethod method, String path, String token, String body) {
        return request(http, method, path, token, body);
    }

    private Future<Reply> request(HttpClient client, HttpMethod method, String path, String token, String body) {
        RequestOptions request = new RequestOptions().setMethod(method).setHost(host).setPort(port).setURI(path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.putHeader("Content-Type", "application/json");
        }
        return client.request(request)
                .compose(req -> body == null ? req.send() : req.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(payload -> {
                    try {
                        return new Reply(response.statusCode(), payload.length() == 0 ? JSON.nullNode() : JSON.readTree(payload.getBytes()));
                    } catch (Exception e) {
                        return new Reply(response.statusCode(), JSON.nullNode());
                    }
                }));
    }

    /** Runs task(0..count-1) with at most {@code parallel} at a time. */
    private Future<Void> inBatches(int count, int parallel, Function<Integer, Future<?>> task) {
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> workers = new ArrayList<>();
        for (int w = 0; w < Math.min(parallel, count); w++) {
            workers.add(worker(next, count, task));
        }
        return Future.all(workers).mapEmpty();
    }

    private Future<Void> worker(AtomicInteger next, int count, Function<Integer, Future<?>> task) {
        int i = next.getAndIncrement();
        if (i >= count) {
            return Future.succeededFuture();
        }
        return task.apply(i).<Void>mapEmpty().recover(failure -> Future.succeededFuture())
                .compose(ignored -> worker(next, count, task));
    }

    private static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get();
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
