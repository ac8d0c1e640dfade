package io.livetodo.common;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.livetodo.support.Api;
import io.livetodo.support.Api.User;
import io.livetodo.support.AppProcess;
import io.livetodo.support.FlakyProxy;
import io.livetodo.support.LiveClient;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * SPEC §6, database outages, against the packaged application: the change feed unable to
 * connect at start, the network to PostgreSQL cut, and PostgreSQL stopped and started again on
 * the same data under write load. Every request
 * that needs the database answers 503 meanwhile, never 500; no acknowledged write is lost; the
 * log says so once per outage; the service recovers by itself.
 */
@Tag("abuse")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsIT {

    private static final int WRITERS = 32;
    private static final Path LOG = Path.of("target", "app-database-faults.log");

    private static Path data;
    private static EmbeddedPostgres postgres;
    private static FlakyProxy network;
    private static AppProcess app;

    /**
     * The instance migrates the database directly (as it must to start at all), while its reactive
     * connections, the change feed's among them, go through a relay that is cut until the first test.
     */
    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("livetodo-database-faults");
        postgres = startPostgres(0);
        network = new FlakyProxy(postgres.getPort());
        network.cut();
        app = AppProcess.launch(
                "database-faults",
                "postgresql://localhost:" + postgres.getPort() + "/postgres",
                Map.of(
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        "jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                        "QUARKUS_DATASOURCE_REACTIVE_URL",
                        "postgresql://localhost:" + network.port() + "/postgres"));
        app.awaitLive(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {app, network, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        try (Stream<Path> paths = Files.walk(data)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    @BeforeEach
    void talkToTheApplication() {
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = app.port();
    }

    @Test
    @Order(1)
    void theChangeFeedRetriesAFirstConnectionThatFailedAndTheInstanceIsReadyOnceItListens() throws Exception {
        String feed = given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .extract()
                .path("checks.find { it.name == 'livetodo change feed' }.status");
        assertThat(feed).isEqualTo("DOWN");
        network.restore();
        app.awaitReady(Duration.ofSeconds(30));

        User user = newUser();
        try (LiveClient live = LiveClient.connect(app.baseUrl(), user)) {
            live.next();
            createTodo(user, "heard by the feed");
            assertThat(live.next().path("data").path("name").asText()).isEqualTo("heard by the feed");
        }
        List<String> sinceStart = outageLines(0);
        assertLoggedOnce(sinceStart.indexOf(sinceStart.stream()
                .filter(line -> line.contains("Database unavailable"))
                .findFirst()
                .orElseThrow()));
    }

    @Test
    @Order(2)
    void whileTheNetworkToTheDatabaseIsCutRequestsAnswer503AndTheServiceRecoversByItself() throws Exception {
        User user = newUser();
        createTodo(user, "before the outage");
        long logged = outageLines(0).size();

        network.cut();
        try {
            as(user).get("/todos/")
                    .then()
                    .statusCode(503)
                    .contentType(ContentType.JSON)
                    .header("Retry-After", notNullValue())
                    .body("error", notNullValue());
            as(user).body("{\"name\": \"during the outage\"}")
                    .post("/todos/")
                    .then()
                    .statusCode(503);
            given().get("/q/health/ready").then().statusCode(503);
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            network.restore();
        }

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> as(user).get("/todos/").statusCode() == 200);
        as(user).get("/todos/").then().body("", hasSize(1)).body("[0].name", equalTo("before the outage"));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        assertLoggedOnce(logged);
    }

    @Test
    @Order(3)
    void aDatabaseRestartUnderWriteLoadIsAnswered503AndLosesNoAcknowledgedWrite() throws Exception {
        // Eight at a time: registration's password hashing is bounded, and the test is not about that.
        ExecutorService registering = Executors.newFixedThreadPool(8);
        List<User> writers = new ArrayList<>();
        for (Future<User> writer : registering.invokeAll(Collections.<Callable<User>>nCopies(WRITERS, Api::newUser))) {
            writers.add(writer.get());
        }
        registering.shutdown();
        long logged = outageLines(0).size();

        Map<User, Set<String>> acknowledged = new ConcurrentHashMap<>();
        Set<Integer> statuses = ConcurrentHashMap.newKeySet();
        Set<String> retryAfters = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (User writer : writers) {
                running.add(threads.submit(() -> {
                    for (int n = 0; writing.get(); n++) {
                        String name = "write " + n;
                        Response answer = as(writer).body(Api.named(name)).post("/todos/");
                        statuses.add(answer.statusCode());
                        if (answer.statusCode() == 303) {
                            acknowledged
                                    .computeIfAbsent(writer, k -> ConcurrentHashMap.newKeySet())
                                    .add(name);
                        } else if (answer.statusCode() == 503) {
                            retryAfters.add(String.valueOf(answer.header("Retry-After")));
                        }
                    }
                }));
            }
            Thread.sleep(500);
            int port = postgres.getPort();
            postgres.close();
            Thread.sleep(2_000);
            postgres = startPostgres(port);
            User probe = writers.get(0);
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> as(probe).get("/todos/").statusCode() == 200);
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }

        assertThat(statuses).as("every answer during the restart").containsOnly(303, 503);
        assertThat(retryAfters).doesNotContain("null");
        for (User writer : writers) {
            List<String> stored =
                    as(writer).get("/todos/").then().statusCode(200).extract().path("name");
            assertThat(stored)
                    .as("acknowledged writes of " + writer.name())
                    .containsAll(acknowledged.getOrDefault(writer, Set.of()));
        }
        assertLoggedOnce(logged);
    }

    /**
     * SPEC §7: the write and its key commit together, so a client that never heard the answer
     * (the connection dropped after the commit) gets the first answer when it repeats, where a
     * repeat without a key meets the todo it made (409).
     */
    @Test
    @Order(4)
    void aRepeatAfterTheConnectionDroppedBetweenCommitAndAnswerGetsTheFirstAnswer() {
        User user = newUser();
        String key = UUID.randomUUID().toString();

        network.cutAtNextCommit();
        int unheard = as(user).header("Idempotency-Key", key)
                .body(Api.named("Unheard"))
                .post("/todos/")
                .statusCode();
        assertThat(unheard)
                .as("the first answer, with the connection gone at the commit")
                .isGreaterThanOrEqualTo(500);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> as(user).get("/todos/").statusCode() == 200);
        as(user).header("Idempotency-Key", key)
                .body(Api.named("Unheard"))
                .post("/todos/")
                .then()
                .statusCode(303)
                .header("Idempotent-Replayed", "true");
        as(user).body(Api.named("Unheard")).post("/todos/").then().statusCode(409);
        as(user).get("/todos/").then().body("", hasSize(1)).body("[0].name", equalTo("Unheard"));
    }

    /** Since the given line: one warning that the database is away, one line when it is back, and nothing else of note. */
    private static void assertLoggedOnce(long since) throws IOException {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> outageLines(since).stream().anyMatch(line -> line.contains("available again")));
        List<String> lines = outageLines(since);
        assertThat(lines)
                .filteredOn(line ->
                        line.contains("ERROR") || line.contains("WARN") && !line.contains("Database unavailable"))
                .isEmpty();
        assertThat(lines)
                .filteredOn(line -> line.contains("WARN") && line.contains("Database unavailable"))
                .hasSize(1);
        assertThat(lines)
                .filteredOn(line -> line.contains("Database available again"))
                .hasSize(1);
    }

    private static List<String> outageLines(long since) throws IOException {
        try (Stream<String> lines = Files.lines(LOG)) {
            return lines.skip(since).toList();
        }
    }

    /** The same data directory each time, so that a second start is a restart of the first. */
    private static EmbeddedPostgres startPostgres(int port) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(data.toFile())
                .setCleanDataDirectory(false)
                .setPort(port)
                .start();
    }
}
