package io.livetodo.deploy;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.AppProcess;
import io.livetodo.support.GuaranteeCheck;
import io.livetodo.support.LiveClient;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Three instances of the packaged application on one PostgreSQL behind Debian's HAProxy, set up
 * as docs/operations.md says. One instance is killed (SIGKILL) while live clients follow a list
 * through the balancer and writes keep coming through it: every client reconnects through the
 * balancer, resumes, and ends with every change exactly once, and no acknowledged write is lost.
 * Tagged {@code shipping}: run by {@code .ci/run} with {@code -Pshipping}, not by {@code verify}.
 */
@Tag("shipping")
class BalancerFailoverIT {

    private static final int WRITES = 60;
    private static final int KILL_AFTER = 20;

    private static EmbeddedPostgres postgres;
    private static final List<AppProcess> instances = new ArrayList<>();
    private static Process balancer;
    private static String balanced;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        String dbUrl = "postgresql://localhost:" + postgres.getPort() + "/postgres";
        for (String name : List.of("a", "b", "c")) {
            instances.add(AppProcess.launch("balanced-" + name, dbUrl, Map.of()));
        }
        for (AppProcess instance : instances) {
            instance.awaitReady(Duration.ofSeconds(90));
        }
        int port = AppProcess.freePort();
        Path config = Path.of("target", "haproxy-failover.cfg");
        Files.writeString(config, haproxyConfig(port));
        balancer = new ProcessBuilder("haproxy", "-db", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(Path.of("target", "haproxy-failover.log").toFile())
                .start();
        balanced = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> RestAssured.given()
                                .baseUri(balanced)
                                .get("/q/health/ready")
                                .statusCode()
                        == 200);
        RestAssured.baseURI = "http://127.0.0.1";
        RestAssured.port = port;
    }

    /** The balancer settings docs/operations.md gives, for three instances on this machine. */
    private static String haproxyConfig(int port) {
        StringBuilder servers = new StringBuilder();
        for (int i = 0; i < instances.size(); i++) {
            servers.append("    server i")
                    .append(i)
                    .append(" 127.0.0.1:")
                    .append(instances.get(i).port())
                    .append(" check\n");
        }
        return """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 60s
                    timeout server 60s
                    timeout tunnel 1h
                    option redispatch
                    retries 3
                frontend livetodo
                    bind 127.0.0.1:%d
                    default_backend instances
                backend instances
                    balance leastconn
                    option httpchk GET /q/health/ready
                    default-server inter 500ms fall 1 rise 2 on-marked-down shutdown-sessions
                %s""".formatted(port, servers);
    }

    @AfterAll
    static void stop() throws Exception {
        if (balancer != null) {
            balancer.destroy();
            balancer.waitFor(10, TimeUnit.SECONDS);
        }
        for (AppProcess instance : instances) {
            instance.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void killingAnInstanceMidStreamLosesAndDuplicatesNothing() throws Exception {
        User owner = newUser();
        long list = createList(owner, "Failover");
        List<User> people = new ArrayList<>(List.of(owner));
        for (int i = 0; i < 2; i++) {
            User member = newUser();
            share(owner, list, member);
            people.add(member);
        }
        long start = as(owner)
                .get("/lists/" + list)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
        List<Follower> followers = new ArrayList<>();
        for (User person : people) {
            for (int i = 0; i < 3; i++) {
                followers.add(new Follower(person, list, start));
            }
        }
        followers.forEach(Follower::start);
        await().atMost(Duration.ofSeconds(10)).until(() -> followers.stream().allMatch(Follower::connected));

        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < WRITES; i++) {
            if (i == KILL_AFTER) {
                instances.get(1).kill();
            }
            acknowledged.add(writeOnce(owner, list, "change " + i));
        }
        long end = as(owner)
                .get("/lists/" + list)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");
        assertThat(end - start).as("one change per acknowledged write").isEqualTo(WRITES);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> followers.stream().allMatch(follower -> follower.last.get() >= end));
        followers.forEach(Follower::finish);
        List<Long> expected = new ArrayList<>();
        for (long version = start + 1; version <= end; version++) {
            expected.add(version);
        }
        for (Follower follower : followers) {
            assertThat(follower.versions)
                    .as("every change exactly once, in order, for " + follower.user.name())
                    .isEqualTo(expected);
            follower.check.assertHeld();
        }
        List<String> names = as(owner)
                .get("/lists/" + list + "/todos/")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("name");
        assertThat(names).containsExactlyInAnyOrderElementsOf(acknowledged);

        List<Long> reconnects = followers.stream()
                .map(follower -> follower.reconnectMillis)
                .filter(millis -> millis >= 0)
                .sorted()
                .toList();
        assertThat(reconnects)
                .as("the killed instance's clients came back through the balancer")
                .isNotEmpty();
        Files.writeString(
                Path.of("target", "failover-reconnect.txt"),
                reconnects.stream()
                                .map(String::valueOf)
                                .collect(Collectors.joining(
                                        " ", "reconnect ms, per client that lost its instance: ", "\n"))
                        + "resyncs (read from the history over HTTP): "
                        + followers.stream()
                                .mapToInt(follower -> follower.resyncs)
                                .sum() + "\n");
    }

    /** A write sent until it is answered, with one Idempotency-Key, as a careful client does. */
    private static String writeOnce(User owner, long list, String name) {
        String key = UUID.randomUUID().toString();
        return await().atMost(Duration.ofSeconds(20))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(
                        () -> {
                            Response response = as(owner)
                                    .header("Idempotency-Key", key)
                                    .body(named(name))
                                    .post("/lists/" + list + "/todos/");
                            return response.statusCode() == 303 ? name : null;
                        },
                        answered -> answered != null);
    }

    /**
     * One live client following the list through the balancer, as docs/live-protocol.md says a
     * client should: it resumes as soon as it is connected (each of its connections goes through
     * one {@link GuaranteeCheck}), and when the server answers {@code resync} it reads what it
     * missed from the list's history over HTTP, then takes only newer changes from the socket. A
     * change the socket sends twice is kept twice, for the test to see; one it never gets leaves a
     * gap it waits at.
     */
    private static final class Follower extends Thread {

        private final User user;
        private final long list;
        private final GuaranteeCheck check;
        private final AtomicLong last;
        private final List<Long> versions = Collections.synchronizedList(new ArrayList<>());
        /** Changes from the socket past a gap, held until the resync that explains it. */
        private final SortedSet<Long> ahead = new TreeSet<>();

        private volatile boolean connected;
        private volatile boolean finished;
        private volatile long reconnectMillis = -1;
        private volatile int resyncs;
        /** The newest change read from the history at a resync. */
        private long reloaded = -1;

        Follower(User user, long list, long start) {
            this.user = user;
            this.list = list;
            this.check = LiveClient.checkFor(balanced, user);
            this.last = new AtomicLong(start);
            setDaemon(true);
        }

        boolean connected() {
            return connected;
        }

        void finish() {
            finished = true;
            try {
                join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            long lostAt = 0;
            while (!finished) {
                try (LiveClient live = LiveClient.connect(balanced, user, check)) {
                    JsonNode hello = live.poll(Duration.ofSeconds(5));
                    if (hello == null || !hello.path("type").asText().equals("hello")) {
                        continue;
                    }
                    if (lostAt > 0) {
                        reconnectMillis = System.currentTimeMillis() - lostAt;
                    }
                    connected = true;
                    ahead.clear();
                    while (!finished && !live.isClosed()) {
                        JsonNode message = live.poll(Duration.ofMillis(100));
                        if (message == null || message.path("list_id").asLong() != list) {
                            continue;
                        }
                        if (message.path("type").asText().equals("resync")) {
                            resyncs++;
                            readTheHistory();
                            live.reloaded(list, last.get());
                        } else if (message.has("version")) {
                            receive(message.path("version").asLong());
                        }
                    }
                    lostAt = System.currentTimeMillis();
                } catch (Exception | AssertionError refused) {
                    // The balancer has no instance for it yet, or the connection broke while opening; a
                    // breach of the guarantees is asserted at the end, with every follower's.
                    sleepQuietly();
                }
            }
        }

        private void receive(long version) {
            if (version <= reloaded) {
                // Sent before the resync reached this client, and read from the history since.
                return;
            }
            if (version > last.get() + 1) {
                ahead.add(version);
                return;
            }
            take(version);
            takeWhatFollows();
        }

        private void readTheHistory() {
            List<Long> missed = as(user).get("/lists/" + list + "/changes?limit=1000&after=" + last.get())
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("version", Long.class);
            missed.forEach(this::take);
            // What the socket sent past the gap is in the history too: only newer changes count from it.
            reloaded = last.get();
            ahead.headSet(reloaded + 1).clear();
            takeWhatFollows();
        }

        private void takeWhatFollows() {
            while (!ahead.isEmpty() && ahead.first() == last.get() + 1) {
                take(ahead.first());
                ahead.remove(ahead.first());
            }
        }

        private void take(long version) {
            versions.add(version);
            last.accumulateAndGet(version, Math::max);
        }

        private static void sleepQuietly() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
