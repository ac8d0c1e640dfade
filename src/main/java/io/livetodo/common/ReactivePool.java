package io.livetodo.common;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.PrepareOptions;
import io.vertx.sqlclient.PreparedQuery;
import io.vertx.sqlclient.Query;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Creates the reactive pool as Quarkus would, with two differences:
 * <ul>
 * <li>it keeps a copy of the pool's connection options, so that a connection of one's own (the
 * change feed's) goes where the pool's go, the same way: host, credentials, TLS, every
 * {@code quarkus.datasource.reactive.*} setting;</li>
 * <li>each connection it lends out (Hibernate Reactive borrows one per session) has an exception
 * handler: without one, the client prints the server's farewell to standard error on every
 * borrowed connection when the database goes away, while the same failure also reaches the
 * request, which answers 503.</li>
 * </ul>
 */
@Singleton
public class ReactivePool implements PgPoolCreator {

    private static final Logger LOG = Logger.getLogger(ReactivePool.class);

    private volatile PgConnectOptions options;
    private volatile io.vertx.mutiny.sqlclient.SqlClient pipelined;

    @Override
    public Pool create(Input input) {
        List<PgConnectOptions> databases = input.pgConnectOptionsList();
        options = new PgConnectOptions(databases.get(0));
        // As many connections as event loops, as the fastest Vert.x servers have: each sends the
        // statements that reach it together, without waiting for the answers in between.
        SqlClient client = PgBuilder.client()
                // A name of its own: under the pool's, its metrics would be refused as registered twice.
                .with(new PoolOptions(input.poolOptions())
                        .setMaxSize(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE)
                        .setName("livetodo-pipelined"))
                .connectingTo(List.<SqlConnectOptions>copyOf(databases))
                .using(input.vertx())
                .build();
        pipelined = io.vertx.mutiny.sqlclient.SqlClient.newInstance(client);
        return new Lending((PgPool) PgDriver.INSTANCE.createPool(input.vertx(), databases, input.poolOptions()));
    }

    /**
     * A client that pipelines single statements over a few connections of its own, for statements
     * outside any transaction that wait for no lock: a statement waiting for one would hold up those
     * queued behind it. Exists once the pool does.
     */
    public io.vertx.mutiny.sqlclient.SqlClient pipelined() {
        return pipelined;
    }

    void close(@Observes ShutdownEvent event) {
        pipelined.closeAndAwait();
    }

    /** A copy of the first server's options; the pool is created at start-up, before anything asks. */
    public PgConnectOptions copyOfOptions() {
        return new PgConnectOptions(options);
    }

    /** Gives a connection an exception handler, which logs (quietly: whoever uses the connection hears of the failure too). */
    public static <C extends SqlConnection> C handlingFailures(C connection) {
        connection.exceptionHandler(failure -> LOG.debugf("A database connection failed: %s", failure.getMessage()));
        return connection;
    }

    /** The pool, lending connections with an exception handler; everything else as it is. */
    private record Lending(PgPool pool) implements PgPool {

        @Override
        public Future<SqlConnection> getConnection() {
            return pool.getConnection().map(ReactivePool::handlingFailures);
        }

        @Override
        public void getConnection(Handler<AsyncResult<SqlConnection>> handler) {
            getConnection().onComplete(handler);
        }

        @Override
        public Query<RowSet<Row>> query(String sql) {
            return pool.query(sql);
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql) {
            return pool.preparedQuery(sql);
        }

        @Override
        public PreparedQuery<RowSet<Row>> preparedQuery(String sql, PrepareOptions options) {
            return pool.preparedQuery(sql, options);
        }

        @Override
        public PgPool connectHandler(Handler<SqlConnection> handler) {
            pool.connectHandler(handler);
            return this;
        }

        @Override
        public PgPool connectionProvider(Function<Context, Future<SqlConnection>> provider) {
            pool.connectionProvider(provider);
            return this;
        }

        @Override
        public int size() {
            return pool.size();
        }

        @Override
        public void close(Handler<AsyncResult<Void>> handler) {
            pool.close(handler);
        }

        @Override
        public Future<Void> close() {
            return pool.close();
        }
    }
}
