package io.livetodo.live;

import java.util.List;

import jakarta.inject.Singleton;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;

/**
 * Creates the reactive pool exactly as Quarkus would, keeping a copy of its connection options,
 * so that the {@link ChangeFeed}'s own connection goes where the pool's go, the same way: host,
 * database, credentials, TLS and every other setting from {@code quarkus.datasource.*}.
 */
@Singleton
public class PoolConnectOptions implements PgPoolCreator {

    private volatile PgConnectOptions options;

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> databases = input.pgConnectOptionsList();
        options = new PgConnectOptions(databases.get(0));
        return PgDriver.INSTANCE.createPool(input.vertx(), databases, input.poolOptions());
    }

    /** A copy of the first server's options; the pool is created at start-up, before anything asks. */
    PgConnectOptions copy() {
        return new PgConnectOptions(options);
    }
}
