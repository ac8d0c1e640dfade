package io.livetodo.live;

import io.livetodo.change.ChangeType;
import io.livetodo.live.wire.LiveMessage;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Reads the change log and memberships for live connections, on the raw reactive pool: no entities, just rows. */
@ApplicationScoped
public class ChangeReader implements ChangeSource {

    /** Changes after a version as their messages, and the list's current version (null once the list is deleted). */
    public record Messages(List<LiveMessage.Changed> changes, Long current) {

        /** Whether the changes follow on from {@code after} with none missing: see {@link ChangeReader#continues}. */
        public boolean continues(long after) {
            return ChangeReader.continues(
                    after, changes.isEmpty() ? null : changes.get(0).version(), current);
        }
    }

    /**
     * What a member may read of a list's history: from their {@code member.added} ({@code joined}),
     * but nothing older than the {@code oldest} change kept; {@code current} is the list's version.
     */
    public record History(long joined, long oldest, long current) {}

    /** With the list's version and, for user {@code $4}, their {@code member.added} (null for none): all from one snapshot. */
    private static final String AFTER = """
            select version, type, data::text as data, made_by, created_at, data->>'username' as member, trace_id,
                   (select version from todo_list where id = $1) as current,
                   (select joined_version from membership where list_id = $1 and user_id = $4) as joined
              from change_log where list_id = $1 and version > $2 order by version limit $3
            """;

    private static final String CURRENT = """
            select version, (select joined_version from membership where list_id = $1 and user_id = $2) from todo_list where id = $1
            """;
    /** No user has this id: a read for all followers asks for nobody's membership. */
    private static final long NOBODY = -1;

    private static final String HISTORY = """
            select m.joined_version, l.version, (select min(version) from change_log where list_id = $1) as oldest
              from membership m join todo_list l on l.id = m.list_id
             where m.list_id = $1 and m.user_id = $2
            """;
    private static final String LISTS = """
            select m.user_id, l.id, l.version, m.joined_version from membership m join todo_list l on l.id = m.list_id
             where m.user_id = any($1) order by l.id
            """;
    private static final String JOINED = "select joined_version from membership where list_id = $1 and user_id = $2";
    private static final String ACTIVE_SESSIONS =
            "select id from user_session where id = any($1) and expires_at > now()";

    private final Pool pool;

    ChangeReader(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<Batch> after(long listId, long version, int limit) {
        return batch(listId, NOBODY, version, limit);
    }

    @Override
    public Uni<Batch> missed(long listId, long userId, long version, int limit) {
        return batch(listId, userId, version, limit);
    }

    private Uni<Batch> batch(long listId, long userId, long version, int limit) {
        return read(
                        listId,
                        userId,
                        version,
                        limit,
                        row -> Change.of(
                                listId,
                                row.getLong("version"),
                                ChangeType.of(row.getString("type")),
                                row.getString("member"),
                                row.getString("made_by"),
                                timestamp(row.getOffsetDateTime("created_at")),
                                row.getString("data"),
                                row.getString("trace_id")))
                .map(read -> new Batch(read.changes(), read.current(), read.joined()));
    }

    /** The same changes as {@link #after}, as the messages a live connection is sent for them. */
    public Uni<Messages> messagesAfter(long listId, long version, int limit) {
        return read(
                        listId,
                        NOBODY,
                        version,
                        limit,
                        row -> new LiveMessage.Changed(
                                row.getString("type"),
                                listId,
                                row.getLong("version"),
                                row.getString("made_by"),
                                timestamp(row.getOffsetDateTime("created_at")),
                                row.getString("data")))
                .map(read -> new Messages(read.changes(), read.current()));
    }

    /** Where the user may read the list's history from; null when they are not a member. */
    public Uni<History> history(long listId, long userId) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(listId, userId)).map(rows -> {
            if (rows.size() == 0) {
                return null;
            }
            Row row = rows.iterator().next();
            long current = row.getLong("version");
            Long oldest = row.getLong("oldest");
            // A list whose whole history was pruned keeps nothing before its next change.
            return new History(row.getLong("joined_version"), oldest == null ? current + 1 : oldest, current);
        });
    }

    private record Read<T>(List<T> changes, Long current, Long joined) {}

    /**
     * Whether changes read after {@code after}, the first of them of version {@code first} (null
     * for none), follow on from it with none missing. When the first is not the next version, or
     * there are none while the list ({@code current}; null once deleted) has moved on, the history
     * was pruned past {@code after}.
     */
    static boolean continues(long after, Long first, Long current) {
        return first == null ? current == null || current <= after : first == after + 1;
    }

    private <T> Uni<Read<T>> read(long listId, long userId, long version, int limit, Function<Row, T> change) {
        return pool.preparedQuery(AFTER)
                .execute(Tuple.of(listId, version, limit, userId))
                .chain(rows -> {
                    List<T> changes = new ArrayList<>(rows.size());
                    Long current = null;
                    Long joined = null;
                    for (Row row : rows) {
                        current = row.getLong("current");
                        joined = row.getLong("joined");
                        changes.add(change.apply(row));
                    }
                    if (!changes.isEmpty()) {
                        return Uni.createFrom().item(new Read<>(changes, current, joined));
                    }
                    return pool.preparedQuery(CURRENT)
                            .execute(Tuple.of(listId, userId))
                            .map(list -> {
                                Row row = list.size() == 0
                                        ? null
                                        : list.iterator().next();
                                return new Read<>(
                                        changes,
                                        row == null ? null : row.getLong(0),
                                        row == null ? null : row.getLong(1));
                            });
                });
    }

    @Override
    public Uni<Opening> opening(long userId, long sessionId) {
        return Uni.combine()
                .all()
                .unis(activeSessions(List.of(sessionId)), memberships(List.of(userId)))
                .with((active, lists) -> new Opening(!active.isEmpty(), lists.getOrDefault(userId, List.of())));
    }

    @Override
    public Uni<Map<Long, List<MemberOf>>> memberships(Collection<Long> userIds) {
        return pool.preparedQuery(LISTS)
                .execute(Tuple.of(userIds.toArray(Long[]::new)))
                .map(rows -> {
                    Map<Long, List<MemberOf>> lists = new HashMap<>();
                    for (Row row : rows) {
                        lists.computeIfAbsent(row.getLong("user_id"), k -> new ArrayList<>())
                                .add(new MemberOf(
                                        row.getLong("id"), row.getLong("version"), row.getLong("joined_version")));
                    }
                    return lists;
                });
    }

    @Override
    public Uni<Long> joined(long listId, long userId) {
        return pool.preparedQuery(JOINED)
                .execute(Tuple.of(listId, userId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong(0));
    }

    @Override
    public Uni<Set<Long>> activeSessions(Collection<Long> sessionIds) {
        return pool.preparedQuery(ACTIVE_SESSIONS)
                .execute(Tuple.of(sessionIds.toArray(Long[]::new)))
                .map(rows -> {
                    Set<Long> active = new HashSet<>();
                    for (Row row : rows) {
                        active.add(row.getLong(0));
                    }
                    return active;
                });
    }

    private static String timestamp(OffsetDateTime time) {
        return time.toInstant().toString();
    }
}
