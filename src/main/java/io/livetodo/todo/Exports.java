package io.livetodo.todo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Exports (SPEC §9): the user and every list they belong to, with its members and its todos in
 * list order, as one JSON document ({@link ExportWriter}).
 *
 * <p>The document is streamed, never held whole: one user's lists may hold hundreds of thousands
 * of todos, megabytes of JSON that would otherwise sit in memory once as rows and again as text,
 * for as long as the client takes to read it. Todos are read through a cursor, a batch at a time,
 * and each batch is written out as soon as it is read; the next is read once the last has been
 * written to the connection (the response's demand), so a slow client holds back the reads
 * instead of filling memory. Everything is read in one read-only transaction, a snapshot: the
 * document is the lists as they were at one instant, so a todo moved or renamed meanwhile is
 * neither in it twice nor missing. That transaction holds one pool connection until the client
 * has the whole document, or goes, so only {@link #AT_ONCE} exports run at a time: slow readers
 * cannot take the pool from every other request (503 with Retry-After beyond them).
 */
@ApplicationScoped
public class Exports {

    /** Exports streaming at once, each holding a pool connection: a small share of the pool. */
    static final int AT_ONCE = 4;

    /** Todos read, and written out, at a time. */
    private static final int BATCH = 200;

    private static final String SNAPSHOT = "begin transaction isolation level repeatable read, read only";
    private static final String USER = "select id, username, created_at, time_zone from app_user where id = $1";
    private static final String LISTS = """
            select l.id, l.name, o.username, m.role, l.version, l.created_at
              from membership m join todo_list l on l.id = m.list_id join app_user o on o.id = l.owner_id
             where m.user_id = $1
             order by l.id
            """;
    private static final String MEMBERS = """
            select u.username, m.role from membership m join app_user u on u.id = m.user_id
             where m.list_id = $1
             order by case m.role when 'owner' then 0 when 'member' then 1 else 2 end, lower(u.username)
            """;
    private static final String TODOS =
            "select " + TodoQueries.COLUMNS + " from todo t where t.list_id = $1 order by t.position, t.id";

    private final Pool pool;
    private final ObjectMapper json;
    private final AtomicInteger running = new AtomicInteger();

    Exports(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /**
     * The document, in pieces, as they are read; its connection goes back to the pool however it
     * ends. 503 at once while {@link #AT_ONCE} others are streaming.
     */
    public Multi<Buffer> of(CurrentUser user) {
        if (running.incrementAndGet() > AT_ONCE) {
            running.decrementAndGet();
            throw ApiException.unavailable("Too many exports are running; try again in a moment.", 2);
        }
        Function<SqlConnection, Uni<Void>> release = connection -> connection
                .query("rollback")
                .execute()
                .onItemOrFailure()
                .transformToUni((ended, failure) -> connection.close())
                .eventually(running::decrementAndGet);
        return Multi.createFrom()
                .resourceFromUni(
                        () -> pool.getConnection()
                                .onFailure()
                                .invoke(failure -> running.decrementAndGet())
                                .chain(connection -> connection
                                        .query(SNAPSHOT)
                                        .execute()
                                        .replaceWith(connection)
                                        .onFailure()
                                        .call(failure -> release.apply(connection))),
                        connection -> document(connection, user, new ExportWriter(json)))
                .withFinalizer(release);
    }

    private Multi<Buffer> document(SqlConnection connection, CurrentUser user, ExportWriter out) {
        return Multi.createBy()
                .concatenating()
                .streams(
                        rows(connection, USER, user.id()).map(out::start),
                        rows(connection, LISTS, user.id())
                                .onItem()
                                .transformToMultiAndConcatenate(list -> list(connection, list, out)),
                        Multi.createFrom().item(out::end));
    }

    private Multi<Buffer> list(SqlConnection connection, Row list, ExportWriter out) {
        long id = list.getLong(0);
        return Multi.createBy()
                .concatenating()
                .streams(
                        rows(connection, MEMBERS, id)
                                .collect()
                                .asList()
                                .map(members -> out.startList(list, members))
                                .toMulti(),
                        todos(connection, id).group().intoLists().of(BATCH).map(out::todos),
                        Multi.createFrom().item(out::endList));
    }

    private static Multi<Row> todos(SqlConnection connection, long listId) {
        return connection
                .prepare(TODOS)
                .onItem()
                .transformToMulti(statement -> statement
                        .createStream(BATCH, Tuple.of(listId))
                        .toMulti()
                        .onTermination()
                        .call(statement::close));
    }

    private static Multi<Row> rows(SqlConnection connection, String sql, long id) {
        return connection
                .preparedQuery(sql)
                .execute(Tuple.of(id))
                .onItem()
                .transformToMulti(rows -> Multi.createFrom().iterable(rows));
    }
}
