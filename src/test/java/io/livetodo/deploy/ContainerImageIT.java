package io.livetodo.deploy;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.livetodo.support.Api.User;
import io.livetodo.support.AppProcess;
import io.livetodo.support.LiveClient;
import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The container image (src/main/docker/Dockerfile.jvm) built on a base image made from this
 * machine's JDK (no registry is needed), run with the host's network against a PostgreSQL of
 * the test's own, checked over HTTP and WebSocket, then stopped as an orchestrator stops it.
 * Tagged {@code shipping}: run by {@code .ci/run} with {@code -Pshipping}; skipped, saying why,
 * only when no Docker daemon can be reached or started.
 */
@Tag("shipping")
class ContainerImageIT {

    /** Kept between runs by the daemon: made once per machine. */
    private static final String BASE = "livetodo-base:local";

    private static final String IMAGE =
            "livetodo-test:" + ProcessHandle.current().pid();

    private static Process startedDaemon;
    private static EmbeddedPostgres postgres;
    private static String container;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        String unavailable = ensureDaemon();
        Assumptions.assumeTrue(unavailable == null, () -> "No Docker daemon: " + unavailable);
        if (run(List.of("docker", "image", "inspect", BASE), Duration.ofSeconds(30)).code != 0) {
            docker(Duration.ofMinutes(5), "src/main/docker/make-local-base.sh", BASE);
        }
        docker(
                Duration.ofMinutes(5),
                "docker",
                "build",
                "-q",
                "--build-arg",
                "BASE_IMAGE=" + BASE,
                "-f",
                "src/main/docker/Dockerfile.jvm",
                "-t",
                IMAGE,
                ".");
        postgres = EmbeddedPostgres.builder().start();
        port = AppProcess.freePort();
        // As docs/operations.md runs it: a read-only root file system but /tmp, no capabilities, no privilege
        // escalation.
        container = docker(
                        Duration.ofMinutes(1),
                        "docker",
                        "run",
                        "-d",
                        "--network",
                        "host",
                        "--read-only",
                        "--tmpfs",
                        "/tmp",
                        "--cap-drop",
                        "ALL",
                        "--security-opt",
                        "no-new-privileges",
                        "-e",
                        "QUARKUS_HTTP_PORT=" + port,
                        "-e",
                        "DB_URL=postgresql://localhost:" + postgres.getPort() + "/postgres",
                        "-e",
                        "DB_USER=postgres",
                        "-e",
                        "DB_PASSWORD=postgres",
                        "-e",
                        "LIVETODO_PASSWORD_BCRYPT_COST=10",
                        "-e",
                        "JAVA_OPTS_APPEND=-XX:TieredStopAtLevel=1",
                        IMAGE)
                .strip();
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port;
        try {
            await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(() -> given().get("/q/health/ready").statusCode() == 200);
        } catch (RuntimeException notReady) {
            throw new AssertionError("the container did not become ready:\n" + logs(), notReady);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (container != null) {
            run(List.of("docker", "rm", "-f", container), Duration.ofSeconds(30));
        }
        run(List.of("docker", "rmi", "-f", IMAGE), Duration.ofSeconds(30));
        if (postgres != null) {
            postgres.close();
        }
        if (startedDaemon != null) {
            startedDaemon.destroy();
            startedDaemon.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void theImageServesTheApiThePagesAndTheOperationsEndpointsThenGoesAwayOnSigterm() throws Exception {
        User user = newUser();
        long list = createList(user, "Shipped");
        long todo = createTodo(user, list, "Run in a container");
        as(user).body("{\"finished\": true}").patch("/todos/" + todo).then().statusCode(204);
        as(user).get("/lists/" + list + "/todos/")
                .then()
                .statusCode(200)
                .body("name", equalTo(List.of("Run in a container")))
                .body("finished", equalTo(List.of(true)));
        given().get("/").then().statusCode(200).header("Content-Security-Policy", containsString("script-src 'self'"));
        given().get("/sw.js").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("livetodo_live_connections"));
        given().get("/q/openapi").then().statusCode(200);
        assertThat(docker(Duration.ofSeconds(30), "docker", "inspect", "-f", "{{.Config.User}}", container)
                        .strip())
                .as("the service does not run as root")
                .isEqualTo("185");

        try (LiveClient live = LiveClient.connect("http://localhost:" + port, user)) {
            assertThat(live.next().path("type").asText()).isEqualTo("hello");
            // What an orchestrator sends first; the live connection is told to go elsewhere.
            docker(Duration.ofSeconds(60), "docker", "stop", "-t", "30", container);
            assertThat(live.closeCode(Duration.ofSeconds(10))).isEqualTo(1001);
        }
        assertThat(docker(Duration.ofSeconds(30), "docker", "inspect", "-f", "{{.State.ExitCode}}", container)
                        .strip())
                .as("a clean exit on SIGTERM")
                .isIn("0", "143");
    }

    /** Null when a daemon answers (starting Debian's dockerd when this user may); else why not. */
    private static String ensureDaemon() throws Exception {
        try {
            if (run(List.of("docker", "info"), Duration.ofSeconds(20)).code == 0) {
                return null;
            }
        } catch (IOException noClient) {
            return "the docker command is not installed";
        }
        if (!"0".equals(run(List.of("id", "-u"), Duration.ofSeconds(5)).output.strip())) {
            return "docker info failed, and only root may start dockerd";
        }
        try {
            startedDaemon = new ProcessBuilder("dockerd")
                    .redirectErrorStream(true)
                    .redirectOutput(Path.of("target", "dockerd.log").toFile())
                    .start();
        } catch (IOException noDaemon) {
            return "dockerd is not installed (apt-get install docker.io)";
        }
        for (int i = 0; i < 60; i++) {
            if (run(List.of("docker", "info"), Duration.ofSeconds(20)).code == 0) {
                return null;
            }
            if (!startedDaemon.isAlive()) {
                return "dockerd exited; see target/dockerd.log";
            }
            Thread.sleep(500);
        }
        return "dockerd did not answer within 30 s; see target/dockerd.log";
    }

    private static String logs() throws Exception {
        return container == null ? "" : run(List.of("docker", "logs", container), Duration.ofSeconds(30)).output;
    }

    /** Runs a command that must work, and gives its output. */
    private static String docker(Duration limit, String... command) throws Exception {
        Result result = run(List.of(command), limit);
        assertThat(result.code)
                .as("%s:%n%s", String.join(" ", command), result.output)
                .isZero();
        return result.output;
    }

    private record Result(int code, String output) {}

    private static Result run(List<String> command, Duration limit) throws Exception {
        Path output = Files.createTempFile("livetodo-docker", ".log");
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out after " + limit + ":\n" + Files.readString(output));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
