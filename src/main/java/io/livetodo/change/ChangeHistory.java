package io.livetodo.change;

import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Prunes the change log: changes older than the kept age, and all but a list's newest kept. */
@ApplicationScoped
public class ChangeHistory {

    private static final Logger LOG = Logger.getLogger(ChangeHistory.class);
    private static final String PRUNE = """
            delete from change_log c
             where c.created_at < now() - make_interval(secs => $1)
                or c.version <= (select l.version from todo_list l where l.id = c.list_id) - $2
            """;

    private final Pool pool;
    private final DatabaseOutage outage;
    private final LivetodoConfig.History history;

    ChangeHistory(Pool pool, DatabaseOutage outage, LivetodoConfig config) {
        this.pool = pool;
        this.outage = outage;
        this.history = config.history();
    }

    @Scheduled(
            every = "${livetodo.history.prune-every}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return outage.housekeeping(pool.preparedQuery(PRUNE)
                .execute(Tuple.of(history.maxAge().toMillis() / 1000.0, history.maxPerList()))
                .invoke(rows -> LOG.debugf("Pruned %d changes", rows.rowCount())));
    }
}
