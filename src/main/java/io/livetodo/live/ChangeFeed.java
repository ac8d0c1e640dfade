package io.livetodo.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;

/**
 * Listens for the NOTIFY that every committed change and every ended session sends (see the
 * V2 migration), on a connection of its own that reconnects by itself. This is how a change
 * made through any instance reaches the connections of all of them.
 */
@ApplicationScoped
public class ChangeFeed {

    static final String CHANGES = "livetodo_changes";
    static final String SESSIONS = "livetodo_sessions";
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

    private final Vertx vertx;
    private final LiveHub hub;
    private final PgConnectOptions options;
    private PgSubscriber subscriber;
    private volatile boolean stopping;

    ChangeFeed(Vertx vertx, LiveHub hub,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") String user,
            @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.vertx = vertx;
        this.hub = hub;
        // The URL may carry JDBC-style parameters that are not PostgreSQL settings; the feed needs none.
        String base = url.split(",")[0].split("\\?")[0];
        this.options = PgConnectOptions.fromUri(base).setUser(user).setPassword(password);
    }

    void start(@Observes StartupEvent event) {
        hub.execute(() -> {
            subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(retries -> 1_000L);
            subscriber.channel(CHANGES)
                    .handler(this::changed)
                    .subscribeHandler(ignored -> hub.resubscribed());
            subscriber.channel(SESSIONS).handler(payload -> hub.sessionEnded(Long.parseLong(payload)));
            subscriber.closeHandler(ignored -> {
                if (!stopping) {
                    LOG.warn("The change feed lost its database connection; reconnecting");
                }
            });
            subscriber.connect().onFailure(failure -> LOG.warnf("The change feed cannot connect yet: %s", failure.getMessage()));
        });
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** {@code list_id:version:type:username}, as the V2 migration's trigger sends it. */
    private void changed(String payload) {
        String[] parts = payload.split(":", 4);
        hub.announced(Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts[2], parts[3]);
    }
}
