package io.livetodo.account;

import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Deletes sessions that can no longer be used, so the table holds only live ones; an API token ends only by expiring. */
@ApplicationScoped
public class SessionJanitor {

    private static final String DELETE_ENDED = """
            delete from user_session
             where expires_at < now() or (scope is null and last_seen_at < now() - make_interval(secs => $1))
            """;

    private final Pool pool;
    private final DatabaseOutage outage;
    private final double idleSeconds;

    SessionJanitor(Pool pool, DatabaseOutage outage, LivetodoConfig config) {
        this.pool = pool;
        this.outage = outage;
        this.idleSeconds = config.session().idleTimeout().toMillis() / 1000.0;
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> deleteEnded() {
        return outage.housekeeping(pool.preparedQuery(DELETE_ENDED).execute(Tuple.of(idleSeconds)));
    }
}
