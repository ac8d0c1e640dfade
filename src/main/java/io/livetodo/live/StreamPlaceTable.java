package io.livetodo.live;

import io.livetodo.common.DatabaseOutage;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.logging.Logger;

/**
 * Ended event streams' places, in PostgreSQL, for ten minutes: a browser reconnects within a
 * second or two, to this instance or another. Places that end together (a shutdown ends every
 * stream) are written in one batch; a place not found is looked for once more half a second
 * later, in case the instance that kept it is still writing it.
 */
@ApplicationScoped
public class StreamPlaceTable implements StreamPlaces {

    private static final Logger LOG = Logger.getLogger(StreamPlaceTable.class);
    private static final String KEEP = """
            insert into live_stream_place (token, user_id, place) values ($1, $2, $3)
            on conflict (token) do update set place = excluded.place, ended_at = now()""";
    private static final String FIND = "select place from live_stream_place where token = $1 and user_id = $2";
    private static final String PRUNE = "delete from live_stream_place where ended_at < now() - interval '10 minutes'";
    private static final Duration LOOK_AGAIN_AFTER = Duration.ofMillis(500);

    private final Pool pool;
    private final DatabaseOutage outage;
    /** Guarded by this. */
    private List<Tuple> pending = new ArrayList<>();
    /** Completes when nothing is left to write; null while nothing is being written. Guarded by this. */
    private CompletableFuture<Void> writing;

    StreamPlaceTable(Pool pool, DatabaseOutage outage) {
        this.pool = pool;
        this.outage = outage;
    }

    @Override
    public void keep(long userId, String token, byte[] place) {
        synchronized (this) {
            pending.add(Tuple.of(token, userId, Buffer.buffer(place)));
            if (writing != null) {
                return;
            }
            writing = new CompletableFuture<>();
        }
        write();
    }

    /** Writes what is pending, then what came meanwhile, until nothing is left. */
    private void write() {
        List<Tuple> batch;
        CompletableFuture<Void> done = null;
        synchronized (this) {
            batch = pending;
            pending = new ArrayList<>();
            if (batch.isEmpty()) {
                done = writing;
                writing = null;
            }
        }
        if (done != null) {
            done.complete(null);
            return;
        }
        pool.preparedQuery(KEEP).executeBatch(batch).subscribe().with(written -> write(), failure -> {
            // The browser's reconnection then reloads its lists instead of resuming them.
            LOG.debugf("Keeping %d event streams' places failed: %s", batch.size(), failure.getMessage());
            write();
        });
    }

    /** Completes once every place kept so far is written, or failed to be. */
    Uni<Void> written() {
        synchronized (this) {
            return writing == null
                    ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(writing);
        }
    }

    @Override
    public Uni<byte[]> find(long userId, String token) {
        return read(userId, token)
                .onItem()
                .ifNull()
                .switchTo(() -> Uni.createFrom()
                        .voidItem()
                        .onItem()
                        .delayIt()
                        .by(LOOK_AGAIN_AFTER)
                        .chain(() -> read(userId, token)));
    }

    private Uni<byte[]> read(long userId, String token) {
        return pool.preparedQuery(FIND).execute(Tuple.of(token, userId)).map(rows -> {
            for (Row row : rows) {
                return row.getBuffer(0).getBytes();
            }
            return null;
        });
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return outage.housekeeping(pool.query(PRUNE).execute());
    }
}
