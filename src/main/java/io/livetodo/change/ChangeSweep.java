package io.livetodo.change;

import io.livetodo.common.DatabaseErrors;
import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.common.OnContext;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * A change's announcement is sent after its commit, so the instance that made it may die in
 * between: every {@code announce-sweep} this reads which lists changed in the last seconds, and
 * tells the {@link ChangeListener} of them again, as the {@link ChangeFeed} tells it of what it
 * hears. One sweep at a time, and only while anything here follows changes. Its state is confined
 * to a Vert.x context of its own.
 */
@ApplicationScoped
public class ChangeSweep {

    private static final Logger LOG = Logger.getLogger(ChangeSweep.class);
    /** Per list changed in the last seconds its newest version, and every member those changes added. */
    private static final String RECENT = """
            select list_id, max(version), null::text from change_log
             where created_at > now() - make_interval(secs => $1) group by list_id
            union all
            select list_id, version, data ->> 'username' from change_log
             where created_at > now() - make_interval(secs => $1) and type = 'member.added'
            """;

    private final Vertx vertx;
    private final Context context;
    private final ChangeListener changes;
    private final Pool pool;
    private final DatabaseOutage outage;
    private final long sweepMillis;
    private long timer = -1;
    private boolean sweeping;
    private volatile boolean stopping;

    ChangeSweep(Vertx vertx, ChangeListener changes, Pool pool, DatabaseOutage outage, LivetodoConfig config) {
        this.vertx = vertx;
        // Created at start-up on the main thread, so this is a fresh event-loop context of its own.
        this.context = vertx.getOrCreateContext();
        this.changes = changes;
        this.pool = pool;
        this.outage = outage;
        this.sweepMillis = config.live().announceSweep().toMillis();
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(sweepMillis, periodic -> OnContext.run(context, this::sweep));
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        vertx.cancelTimer(timer);
    }

    private void sweep() {
        if (sweeping || stopping || !changes.following()) {
            return;
        }
        sweeping = true;
        Tuple lookBack = Tuple.of((double) ChangeListener.TOLD_AGAIN_WITHIN_SECONDS);
        pool.preparedQuery(RECENT)
                .execute(lookBack)
                .subscribe()
                .with(
                        rows -> OnContext.run(context, () -> {
                            sweeping = false;
                            for (Row row : rows) {
                                changes.changed(row.getLong(0), row.getLong(1), row.getString(2));
                            }
                        }),
                        failure -> OnContext.run(context, () -> {
                            sweeping = false;
                            if (DatabaseErrors.isUnavailable(failure)) {
                                outage.noticed(DatabaseErrors.describe(failure));
                            } else {
                                LOG.warnf(
                                        "Could not sweep the change log for lost announcements: %s",
                                        failure.getMessage());
                            }
                        }));
    }
}
