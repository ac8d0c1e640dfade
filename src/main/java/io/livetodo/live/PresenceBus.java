package io.livetodo.live;

import io.livetodo.change.ChangeFeed;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Where {@link Presence} tells the other instances who looks at which list: NOTIFY on {@link ChangeFeed#PRESENCE} in the server. */
interface PresenceBus {

    /** Sends each payload as an announcement of its own; a failure loses them, as the next ones repeat them. */
    void announce(String[] payloads);

    /** One statement of NOTIFYs on a connection of the pool. */
    static PresenceBus notifying(Pool pool, ReadFailures failures) {
        return payloads -> pool.preparedQuery("select pg_notify($1, p) from unnest($2::text[]) p")
                .execute(Tuple.of(ChangeFeed.PRESENCE, payloads))
                .subscribe()
                .with(done -> {}, failure -> failures.failed("announce who looks at which list", failure));
    }
}
