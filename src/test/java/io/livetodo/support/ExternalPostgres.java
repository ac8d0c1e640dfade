package io.livetodo.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * A PostgreSQL server of its own for the packaged application, which never starts one itself:
 * the integration tests hand it the server through the same settings production uses. They reach
 * the application as system properties, so they go by their property names, not by the names of
 * environment variables (an environment variable's name here would be ignored).
 */
public class ExternalPostgres implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;

    @Override
    public Map<String, String> start() {
        try {
            postgres = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://localhost:" + postgres.getPort() + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "livetodo.password.bcrypt-cost", "10",
                // Every test registers its own users, all from this machine's address.
                "livetodo.registration.max-per-address", "1000000");
    }

    @Override
    public void stop() {
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
