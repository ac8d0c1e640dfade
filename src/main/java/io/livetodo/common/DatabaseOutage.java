package io.livetodo.common;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Says once that the database is out of reach, when a request or the change feed first finds
 * it so, then watches for its return (a {@code select 1} each second) and says that once too.
 * Requests meanwhile answer 503 without a log line each.
 */
@ApplicationScoped
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    private static final long PROBE_MILLIS = 1_000;

    private final Vertx vertx;
    private final Pool pool;
    private final AtomicBoolean out = new AtomicBoolean();
    private volatile long sinceNanos;

    DatabaseOutage(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** Something that needs the database could not reach it; {@code what} says what happened. */
    public void noticed(String what) {
        if (out.compareAndSet(false, true)) {
            sinceNanos = System.nanoTime();
            LOG.warnf("Database unavailable (%s): requests that need it answer 503 until it is back", what);
            vertx.setTimer(PROBE_MILLIS, timer -> probe());
        }
    }

    private void probe() {
        pool.query("select 1").execute().subscribe().with(reached -> {
            out.set(false);
            LOG.infof("Database available again after %.1f s", (System.nanoTime() - sinceNanos) / 1e9);
        }, stillOut -> vertx.setTimer(PROBE_MILLIS, timer -> probe()));
    }
}
