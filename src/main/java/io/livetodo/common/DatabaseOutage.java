package io.livetodo.common;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Says once that the database is out of reach, when a request or the change feed first finds
 * it so, then watches for its return (a {@code select 1} each second) and says that once too,
 * when it has stayed back for a few seconds: a server that is restarting accepts connections
 * before it can serve them. Requests meanwhile answer 503 without a log line each.
 */
@ApplicationScoped
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final long PROBE_MILLIS = 1_000;
    /** A database that fails again this soon after it came back is still in the same outage. */
    private static final long STABLE_MILLIS = 2_000;

    private final Vertx vertx;
    private final Pool pool;
    private final AtomicBoolean out = new AtomicBoolean();
    private volatile long sinceNanos;
    /** When the database last came back, while it has not been back long enough to say so; 0 otherwise. */
    private volatile long backSinceNanos;

    DatabaseOutage(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** Something that needs the database could not reach it; {@code what} says what happened. */
    public void noticed(String what) {
        if (out.compareAndSet(false, true)) {
            if (backSinceNanos == 0) {
                sinceNanos = System.nanoTime();
                LOG.warnf("Database unavailable (%s): requests that need it answer 503 until it is back", what);
            }
            backSinceNanos = 0;
            vertx.setTimer(PROBE_MILLIS, timer -> probe());
        }
    }

    /** Runs a housekeeping task that needs the database; while the database is away, it waits for its next turn. */
    public Uni<Void> housekeeping(Uni<?> task) {
        return task.replaceWithVoid().onFailure(DatabaseErrors::isUnavailable).recoverWithUni(failure -> {
            noticed(DatabaseErrors.describe(failure));
            return Uni.createFrom().voidItem();
        });
    }

    private void probe() {
        pool.query("select 1")
                .execute()
                .subscribe()
                .with(
                        reached -> {
                            long back = System.nanoTime();
                            backSinceNanos = back;
                            out.set(false);
                            vertx.setTimer(STABLE_MILLIS, timer -> {
                                if (!out.get() && backSinceNanos == back) {
                                    backSinceNanos = 0;
                                    LOG.infof("Database available again after %.1f s", (back - sinceNanos) / 1e9);
                                }
                            });
                        },
                        stillOut -> vertx.setTimer(PROBE_MILLIS, timer -> probe()));
    }
}
