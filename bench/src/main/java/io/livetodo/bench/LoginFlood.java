package io.livetodo.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;

/**
 * A log-in flood and what it does to everyone else: {@code --logins} concurrent log-ins of
 * unknown users (five per source address, 127.0.0.100 and up, so that the per-address limit
 * leaves every one to the password hasher), repeated {@code --rounds} times, while one client
 * asks {@code /q/health/live} every 5 ms and another reads a todo ({@code --token},
 * {@code --todo}) as often. Prints the statuses of the log-ins and the latency of both probes
 * during the floods.
 *
 * <pre>
 * java -cp ... io.livetodo.bench.LoginFlood --port 18082 --logins 300 --rounds 3 --token T --todo 1
 * </pre>
 */
public final class LoginFlood {

    private LoginFlood() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int port = Integer.parseInt(options.getOrDefault("port", "18082"));
        int logins = Integer.parseInt(options.getOrDefault("logins", "300"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        String token = options.get("token");
        String todo = options.getOrDefault("todo", "1");
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        try {
            for (int round = 1; round <= rounds; round++) {
                AtomicBoolean flooding = new AtomicBoolean(true);
                List<Long> health = new ArrayList<>();
                List<Long> reads = new ArrayList<>();
                Thread healthProbe = probe(port, "/q/health/live", null, flooding, health);
                Thread readProbe = token == null ? null : probe(port, "/todos/" + todo, token, flooding, reads);
                long start = System.nanoTime();
                Map<Integer, Integer> statuses = flood(vertx, port, logins, round);
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                flooding.set(false);
                healthProbe.join();
                if (readProbe != null) {
                    readProbe.join();
                }
                System.out.printf("round %d: %d log-ins answered in %d ms %s; /q/health/live %s; GET /todos/{id} %s%n", round, logins,
                        tookMillis, statuses, summary(health), readProbe == null ? "not asked" : summary(reads));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private static Map<Integer, Integer> flood(Vertx vertx, int port, int logins, int round) throws Exception {
        List<Future<HttpClientResponse>> pending = new ArrayList<>();
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < logins; i++) {
            if (i % 5 == 0) {
                clients.add(vertx.createHttpClient(new HttpClientOptions().setLocalAddress("127.0.0." + (100 + i / 5 % 150)).setMaxPoolSize(5)));
            }
            HttpClient client = clients.get(clients.size() - 1);
            String body = "{\"username\":\"flood_" + round + "_" + i + "\",\"password\":\"wrong password\"}";
            pending.add(client.request(HttpMethod.POST, port, "127.0.0.1", "/user")
                    .compose(request -> request.putHeader("Content-Type", "application/json").send(Buffer.buffer(body)))
                    .compose(response -> response.body().map(ignored -> response)));
        }
        List<HttpClientResponse> answers = Future.all(pending).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS).list();
        Map<Integer, Integer> statuses = new TreeMap<>();
        answers.forEach(answer -> statuses.merge(answer.statusCode(), 1, Integer::sum));
        for (HttpClient client : clients) {
            client.close();
        }
        return statuses;
    }

    /** Asks the path every 5 ms on one kept-alive connection, from its own thread, until the flood is over. */
    private static Thread probe(int port, String path, String token, AtomicBoolean flooding, List<Long> latencies) {
        Thread probe = new Thread(() -> {
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            java.net.http.HttpRequest asked = request.build();
            while (flooding.get()) {
                long start = System.nanoTime();
                try {
                    client.send(asked, java.net.http.HttpResponse.BodyHandlers.discarding());
                    latencies.add(System.nanoTime() - start);
                    Thread.sleep(5);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }, "probe " + path);
        probe.start();
        return probe;
    }

    private static String summary(List<Long> latencies) {
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length == 0) {
            return "no answers";
        }
        return String.format("p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d asked)", at(sorted, 50), at(sorted, 99),
                sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    private static double at(long[] sorted, double percentile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1)] / 1e6;
    }
}
