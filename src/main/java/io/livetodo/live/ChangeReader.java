package io.livetodo.live;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Reads the change log for live connections, on the raw reactive pool: no entities, just rows to frames. */
@ApplicationScoped
public class ChangeReader {

    /** Changes after a version, and the list's current version (null once the list is deleted). */
    record Batch(List<Change> changes, Long current) {
    }

    private static final String AFTER = """
            select version, type, data::text as data, created_at, data->>'username' as member,
                   (select version from todo_list where id = $1) as current
              from change_log where list_id = $1 and version > $2 order by version limit $3
            """;
    private static final String CURRENT = "select version from todo_list where id = $1";
    private static final String LISTS = """
            select l.id, l.version from membership m join todo_list l on l.id = m.list_id
             where m.user_id = $1 order by l.id
            """;

    private final Pool pool;

    ChangeReader(Pool pool) {
        this.pool = pool;
    }

    Uni<Batch> after(long listId, long version, int limit) {
        return pool.preparedQuery(AFTER).execute(Tuple.of(listId, version, limit)).chain(rows -> {
            List<Change> changes = new ArrayList<>(rows.size());
            Long current = null;
            for (Row row : rows) {
                current = row.getLong("current");
                changes.add(Change.of(listId, row.getLong("version"), row.getString("type"), row.getString("member"),
                        timestamp(row.getOffsetDateTime("created_at")),
                        row.getString("data")));
            }
            if (!changes.isEmpty()) {
                return Uni.createFrom().item(new Batch(changes, current));
            }
            return pool.preparedQuery(CURRENT).execute(Tuple.of(listId))
                    .map(list -> new Batch(changes, list.size() == 0 ? null : list.iterator().next().getLong(0)));
        });
    }

    /** The lists a user belongs to, with their versions, in id order. */
    Uni<Map<Long, Long>> listsOf(long userId) {
        return pool.preparedQuery(LISTS).execute(Tuple.of(userId)).map(rows -> {
            Map<Long, Long> versions = new LinkedHashMap<>();
            for (Row row : rows) {
                versions.put(row.getLong("id"), row.getLong("version"));
            }
            return versions;
        });
    }

    private static String timestamp(OffsetDateTime time) {
        return time.toInstant().toString();
    }
}
