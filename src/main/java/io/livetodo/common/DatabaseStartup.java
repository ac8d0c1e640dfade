package io.livetodo.common;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jboss.logging.Logger;

/**
 * Migrates the database before anything else starts. When that fails, the service says why in
 * one line and exits, rather than serving requests it cannot answer.
 */
@Singleton
public class DatabaseStartup {

    private static final Logger LOG = Logger.getLogger(DatabaseStartup.class);

    void migrate(
            @Observes @Priority(1) StartupEvent event,
            Flyway flyway,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url) {
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            LOG.errorf("livetodo cannot start: no usable database at %s (%s)", url, rootMessage(e));
            Quarkus.asyncExit(1);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
