package io.livetodo.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged application started as production starts it, in a process of its own. */
public final class AppProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private AppProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts an instance against the given database and waits until it is ready. */
    public static AppProcess start(String name, String dbUrl) throws Exception {
        AppProcess app = launch(name, dbUrl, Map.of());
        app.awaitReady(Duration.ofSeconds(60));
        return app;
    }

    /** Starts an instance with more environment variables, and does not wait for it. */
    public static AppProcess launch(String name, String dbUrl, Map<String, String> environment) throws Exception {
        int port = freePort();
        Path log = Path.of("target", "app-" + name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
                new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("QUARKUS_DATASOURCE_REACTIVE_URL", dbUrl);
        builder.environment().put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        builder.environment().put("LIVETODO_PASSWORD_BCRYPT_COST", "10");
        builder.environment().put("LIVETODO_REGISTRATION_MAX_PER_ADDRESS", "1000000");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().putAll(environment);
        return new AppProcess(builder.start(), port);
    }

    /** The command that starts the packaged application, as production starts it. */
    public static List<String> command() {
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The quick compiler only, as for the test JVMs (pom.xml): these instances live for seconds.
                "-XX:TieredStopAtLevel=1",
                "-jar",
                Path.of("target", "quarkus-app", "quarkus-run.jar").toString());
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Asks the instance to stop, as an orchestrator does (SIGTERM), and waits until it has. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Ends the instance at once (SIGKILL), as a crash would, and waits until it has gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }

    /** Waits until the instance is ready: it listens, its database answers and its change feed listens. */
    public void awaitReady(Duration limit) throws Exception {
        await("/q/health/ready", limit);
    }

    /** Waits until the instance answers at all. */
    public void awaitLive(Duration limit) throws Exception {
        await("/q/health/live", limit);
    }

    private void await(String health, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue());
            }
            try {
                HttpURLConnection connection = (HttpURLConnection)
                        URI.create(baseUrl() + health).toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the application did not answer " + health + " within " + limit);
    }

    /** A port nothing listens on now, for a server a test starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
