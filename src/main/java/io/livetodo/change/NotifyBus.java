package io.livetodo.change;

import io.livetodo.common.ReactivePool;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The {@link ClusterBus} as NOTIFYs: one statement for many payloads, on the pipelined
 * connections the reads share, so that a message never waits for a connection of the pool, which
 * writers piled on a busy list may hold for a while.
 */
@ApplicationScoped
public class NotifyBus implements ClusterBus {

    private static final String NOTIFY = "select pg_notify($1, payload) from unnest($2::text[]) payload";

    private final SqlClient notifier;

    /** The pool is asked for before the pipelined connections, which are made with it. */
    NotifyBus(Pool pool, ReactivePool pools) {
        this.notifier = pools.pipelined();
    }

    @Override
    public Uni<Void> publish(Topic topic, List<String> payloads) {
        return notifier.preparedQuery(NOTIFY)
                .execute(Tuple.of(topic.channel, payloads.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
