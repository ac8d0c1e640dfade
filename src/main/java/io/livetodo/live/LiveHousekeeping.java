package io.livetodo.live;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Timers around the live connections: pings, history pruning, and closing on shutdown. */
@ApplicationScoped
public class LiveHousekeeping {

    private static final Logger LOG = Logger.getLogger(LiveHousekeeping.class);
    private static final String PRUNE = """
            delete from change_log c
             where c.created_at < now() - make_interval(secs => $1)
                or c.version <= (select l.version from todo_list l where l.id = c.list_id) - $2
            """;

    private final LiveHub hub;
    private final Pool pool;
    private final DatabaseOutage outage;
    private final LivetodoConfig.History history;

    LiveHousekeeping(LiveHub hub, Pool pool, DatabaseOutage outage, LivetodoConfig config) {
        this.hub = hub;
        this.pool = pool;
        this.outage = outage;
        this.history = config.history();
    }

    /** Each second a slice of the connections is pinged; a round reaches all of them once per ping interval. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void ping() {
        hub.ping();
    }

    @Scheduled(every = "${livetodo.history.prune-every}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return outage.housekeeping(pool.preparedQuery(PRUNE)
                .execute(Tuple.of(history.maxAge().toMillis() / 1000.0, history.maxPerList()))
                .invoke(rows -> LOG.debugf("Pruned %d changes", rows.rowCount())));
    }

    /** Runs before the HTTP server closes, so clients get 1001 and reconnect elsewhere with resume. */
    void closeConnections(@Observes ShutdownDelayInitiatedEvent event) {
        hub.closeAll(new CloseReason(LiveHub.GOING_AWAY, "Server shutting down"))
                .await().atMost(Duration.ofSeconds(5));
    }
}
