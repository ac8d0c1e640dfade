package io.livetodo.account;

import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps {@code last_seen_at} of the sessions in use, off the request path. A session is touched at
 * most once per tenth of the idle timeout (at most once a minute), and the touches of that period
 * are written together in one statement: written by the request itself, the touches of thousands
 * of sessions that were opened together fell due together, and reads queued behind their commits
 * for half a second. A touch lost with its instance leaves the session most of its idle time.
 */
@ApplicationScoped
class SessionTouches {

    private static final String TOUCH = "update user_session set last_seen_at = now() where id = any($1)";

    private final Vertx vertx;
    private final Pool pool;
    private final SessionCache cache;
    private final DatabaseOutage outage;
    private final Duration touchInterval;
    private final Set<Long> due = ConcurrentHashMap.newKeySet();
    private long timer;

    SessionTouches(Vertx vertx, Pool pool, SessionCache cache, DatabaseOutage outage, LivetodoConfig config) {
        this.vertx = vertx;
        this.pool = pool;
        this.cache = cache;
        this.outage = outage;
        Duration tenth = config.session().idleTimeout().dividedBy(10);
        this.touchInterval = tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
    }

    void start(@Observes StartupEvent event) {
        long every = Math.max(10, Math.min(1_000, touchInterval.toMillis()));
        timer = vertx.setPeriodic(every, id -> write());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** The session was used now: its {@code last_seen_at} is written soon if it is getting old. */
    void used(byte[] tokenHash, SessionCache.Entry session) {
        Instant now = Instant.now();
        if (session.lastSeen().plus(touchInterval).isAfter(now)) {
            return;
        }
        cache.touched(tokenHash, session, now);
        due.add(session.sessionId());
    }

    private void write() {
        if (due.isEmpty()) {
            return;
        }
        List<Long> ids = new ArrayList<>(due.size());
        for (Iterator<Long> it = due.iterator(); it.hasNext(); ) {
            ids.add(it.next());
            it.remove();
        }
        Long[] batch = ids.toArray(Long[]::new);
        outage.housekeeping(pool.preparedQuery(TOUCH).execute(Tuple.of(batch)))
                .subscribe()
                .with(done -> {}, failure -> due.addAll(ids));
    }
}
