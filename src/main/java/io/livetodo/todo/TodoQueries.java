package io.livetodo.todo;

import io.livetodo.change.Statements;
import io.livetodo.common.ReactivePool;
import io.livetodo.common.RequestTrace;
import io.livetodo.list.ListAccess;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The todo paths every client takes most, each one statement on the raw reactive client, outside
 * any ORM session: with the session cache, bench/http.sh measured GET /todos/{id} at 14,000 req/s
 * this way against 5,900 through the ORM, and POST /todos/ at 2,356 against 918. The rules are
 * those of the {@link Todo} entity's paths: only members see a list's todos, and a create locks its
 * list and records the change in the statement that makes it.
 */
@ApplicationScoped
public class TodoQueries {

    static final String COLUMNS =
            "t.id, t.list_id, t.name, t.finished, t.created_by, t.updated_by, t.created_at, t.updated_at, t.version, t.position, "
                    + "t.due_date, t.due_time, t.due_zone, t.due_at, t.assignee, t.notes";

    private static final String VISIBLE = "select " + COLUMNS + """
             from todo t
             where t.id = $1 and exists (select 1 from membership m where m.list_id = t.list_id and m.user_id = $2)
            """;

    /**
     * One row per todo after todo {@code $3} in list order, or one row of nulls for a member of
     * an empty list; none for anyone else. After a todo no longer there: after where its key was
     * until it was moved, which is right for a list never reordered.
     */
    private static final String PAGE = "select " + COLUMNS + """
             from membership m
             left join lateral (
                 select * from todo
                  where list_id = m.list_id
                    and (position, id) > (coalesce((select position from todo where id = $3 and list_id = $1),
                                                   lpad($3::text, 19, '0')), $3)
                  order by position, id limit $4) t on true
             where m.list_id = $1 and m.user_id = $2
             order by t.position, t.id
            """;

    /**
     * The list is locked for a member as every write locks it, and found to have room for one more
     * (lock_to_add), so a create queued behind its author's removal finds no membership and one
     * queued behind others finds the list as they left it; record_change gives the list its next
     * version. The change's data is the todo as the caller serialized it, with its id and place
     * (the trigger todo_positioned's). One row: the verdict of the lock (null for no member,
     * 'full'), the id, the version and the place.
     */
    private static final String CREATE = """
            with verdict as (select lock_to_add(:list, :user, :most) as verdict),
                 created as (
                     insert into todo (list_id, name, finished, created_by, updated_by, created_at, updated_at, version,
                                       notes, due_date, due_time, due_zone, due_at, assignee)
                     select :list, :name, :finished, :by, :by, :at, :at, 1,
                            :notes, :due_date, :due_time, :due_zone, :due_at,
                            case when cast(:assignee as text) is not null then assignable(:list, cast(:assignee as text)) end
                       from verdict
                      where verdict is not null and verdict not in ('full', 'read-only')
                        and (cast(:assignee as text) is null or assignable(:list, cast(:assignee as text)) is not null)
                     returning id, position)
            select case when v.verdict is not null and v.verdict not in ('full', 'read-only') and c.id is null
                        then 'unassignable'
                        else v.verdict end,
                   c.id,
                   case when c.id is not null
                        then record_change(:list, :type, jsonb_set(jsonb_set(cast(cast(:data as text) as jsonb), array['id'], to_jsonb(c.id)),
                                                     array['position'], to_jsonb(c.position)),
                                           :by, cast(:trace as text)) end,
                   c.position
              from verdict v left join created c on true
            """;
    /** The verdict of {@link #CREATE} on a list that holds as many todos as it may. */
    static final String FULL = "full";
    /** ... on an assignee who is not a member of the list. */
    static final String UNASSIGNABLE = "unassignable";

    private final Statements statements;
    private final SqlClient reads;

    TodoQueries(Statements statements, ReactivePool pools) {
        this.statements = statements;
        this.reads = pools.pipelined();
    }

    /** The todo, if it is in a list the user belongs to; null otherwise. */
    public Uni<TodoView> findVisible(long todoId, long userId) {
        return reads.preparedQuery(VISIBLE)
                .execute(Tuple.of(todoId, userId))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next()));
    }

    /** Up to {@code limit} todos after todo {@code after} (0: the first), in list order; null when the user is not a member of the list. */
    public Uni<List<TodoView>> page(long listId, long userId, long after, int limit) {
        return reads.preparedQuery(PAGE)
                .execute(Tuple.of(listId, userId, after, (long) limit))
                .map(TodoQueries::todosOfMember);
    }

    /**
     * A todo just added, and the version of the list its change was recorded under; or why it was
     * not ({@code refusal}: {@link #FULL}, {@link #UNASSIGNABLE} or {@link ListAccess#READ_ONLY}).
     */
    public record Created(TodoView todo, long version, String refusal) {

        public boolean full() {
            return FULL.equals(refusal);
        }

        public boolean unassignable() {
            return UNASSIGNABLE.equals(refusal);
        }

        public boolean readOnly() {
            return ListAccess.READ_ONLY.equals(refusal);
        }
    }

    /**
     * Adds a todo to a list the user may write to and records the change, in one statement; null
     * when the user is not a member, {@link Created#readOnly()} for a viewer, {@link Created#full()}
     * when the list holds {@code most} todos already. A name the list already has fails as a unique violation.
     */
    public Uni<Created> create(
            long listId, long userId, TodoView todo, String changeType, String changeData, int most) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("list", listId);
        parameters.put("user", userId);
        parameters.put("most", most);
        parameters.put("name", todo.name());
        parameters.put("finished", todo.finished());
        parameters.put("by", todo.createdBy());
        parameters.put("at", todo.createdAt());
        parameters.put("type", changeType);
        parameters.put("data", changeData);
        parameters.put("trace", RequestTrace.current());
        parameters.put("notes", todo.notes());
        parameters.put("due_date", todo.due() == null ? null : todo.due().date());
        parameters.put("due_time", todo.due() == null ? null : todo.due().time());
        parameters.put("due_zone", todo.due() == null ? null : todo.due().timeZone());
        parameters.put("due_at", todo.due() == null ? null : todo.due().at());
        parameters.put("assignee", todo.assignee());
        return statements.run(CREATE, parameters).map(rows -> {
            Object[] row = rows.get(0);
            String verdict = (String) row[0];
            if (verdict == null) {
                return null;
            }
            if (row[1] == null) {
                return new Created(todo, 0, verdict);
            }
            return new Created(
                    withId(todo, ((Number) row[1]).longValue(), (String) row[3]), ((Number) row[2]).longValue(), null);
        });
    }

    private static List<TodoView> todosOfMember(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        List<TodoView> todos = new ArrayList<>(rows.size());
        for (Row row : rows) {
            if (row.getLong(0) != null) {
                todos.add(view(row));
            }
        }
        return todos;
    }

    static TodoView view(Row row) {
        return new TodoView(
                row.getLong(0),
                row.getLong(1),
                row.getString(2),
                row.getBoolean(3),
                row.getString(4),
                row.getString(5),
                instant(row, 6),
                instant(row, 7),
                row.getLong(8),
                row.getString(9),
                Due.kept(
                        row.getLocalDate(10),
                        row.getLocalTime(11),
                        row.getString(12),
                        row.getOffsetDateTime(13) == null ? null : instant(row, 13)),
                row.getString(14),
                row.getString(15));
    }

    private static Instant instant(Row row, int column) {
        return row.getOffsetDateTime(column).toInstant();
    }

    private static TodoView withId(TodoView todo, long id, String position) {
        return new TodoView(
                id,
                todo.listId(),
                todo.name(),
                todo.finished(),
                todo.createdBy(),
                todo.updatedBy(),
                todo.createdAt(),
                todo.updatedAt(),
                todo.version(),
                position,
                todo.due(),
                todo.assignee(),
                todo.notes());
    }
}
