package io.livetodo.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.livetodo.Api;
import io.livetodo.AppProcess;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * SPEC §6, database outages: PostgreSQL stopped and started again on the same data under write
 * load. Every request answers 503 meanwhile, never 500; no acknowledged write is lost; the log
 * says so once.
 */
@Tag("abuse")
class DatabaseRestartIT {

    private static final int WRITERS = 32;

    @Test
    void aDatabaseRestartUnderWriteLoadIsAnswered503LosesNoAcknowledgedWriteAndIsLoggedOnce() throws Exception {
        Path data = Files.createTempDirectory("livetodo-restart");
        EmbeddedPostgres postgres = start(data, 0);
        int port = postgres.getPort();
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS);
        try (AppProcess app = AppProcess.start("restart", "postgresql://localhost:" + port + "/postgres")) {
            RestAssured.baseURI = "http://localhost";
            RestAssured.port = app.port();
            List<Api.User> writers = new ArrayList<>();
            for (Future<Api.User> writer : threads.invokeAll(Collections.<Callable<Api.User>>nCopies(WRITERS, Api::newUser))) {
                writers.add(writer.get());
            }
            Map<Api.User, Set<String>> acknowledged = new ConcurrentHashMap<>();
            Set<Integer> statuses = ConcurrentHashMap.newKeySet();
            Set<String> retryAfters = ConcurrentHashMap.newKeySet();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> running = new ArrayList<>();
            for (Api.User writer : writers) {
                running.add(threads.submit(() -> {
                    for (int n = 0; writing.get(); n++) {
                        String name = "write " + n;
                        Response answer = Api.as(writer).body(Api.named(name)).post("/todos/");
                        statuses.add(answer.statusCode());
                        if (answer.statusCode() == 303) {
                            acknowledged.computeIfAbsent(writer, k -> ConcurrentHashMap.newKeySet()).add(name);
                        } else if (answer.statusCode() == 503) {
                            retryAfters.add(String.valueOf(answer.header("Retry-After")));
                        }
                    }
                }));
            }
            Thread.sleep(1_000);
            postgres.close();
            Thread.sleep(4_000);
            postgres = start(data, port);
            Api.User probe = writers.get(0);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Api.as(probe).get("/todos/").statusCode() == 200);
            writing.set(false);
            for (Future<?> writer : running) {
                writer.get(60, TimeUnit.SECONDS);
            }

            assertThat(statuses).as("every answer during the restart").containsOnly(303, 503);
            assertThat(retryAfters).doesNotContain("null");
            for (Api.User writer : writers) {
                List<String> stored = Api.as(writer).get("/todos/").then().statusCode(200).extract().path("name");
                assertThat(stored).as("acknowledged writes of " + writer.name()).containsAll(acknowledged.getOrDefault(writer, Set.of()));
            }
            Path logFile = Path.of("target", "app-restart.log");
            await().atMost(Duration.ofSeconds(20)).until(() -> Files.readString(logFile).contains("Database available again"));
            app.stop();
            List<String> log = Files.readAllLines(logFile);
            assertThat(log).filteredOn(line -> line.contains("ERROR")).isEmpty();
            assertThat(log).filteredOn(line -> line.contains("WARN") && line.contains("Database unavailable")).hasSize(1);
            assertThat(log).filteredOn(line -> line.contains("Database available again")).hasSize(1);
        } finally {
            threads.shutdownNow();
            postgres.close();
            deleteTree(data);
        }
    }

    /** The same data directory and port each time, so that the second start is a restart of the first. */
    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data.toFile()).setCleanDataDirectory(false).setPort(port).start();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
