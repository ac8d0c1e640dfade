package io.livetodo.todo;

import io.livetodo.change.ChangeLog;
import io.livetodo.change.ChangeType;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a todo within its list, under the list's lock, so that moves from any instance, and
 * offline moves sent later, are done one after another and every client converges to the
 * server's order. The client names the todo to go after; the server makes the key
 * ({@link Positions}). A move leaves the todo's version (its ETag) as it is: it changes where the
 * todo is, not what it says, so edits made meanwhile do not conflict with it.
 */
@ApplicationScoped
public class TodoMoves {

    /** The first todo after a place in list order, other than the one moving: its key, or none. */
    private static final String NEXT = """
            select position from todo
             where list_id = :list and id <> :todo and (position, id) > (:position, :id)
             order by position, id limit 1
            """;
    /** Every todo created from now on has a greater id, so a key below this id's stays below its key. */
    private static final String NEXT_ID = "select last_value + 1 from todo_id_seq";

    private final TodoService todos;
    private final ChangeLog changes;

    TodoMoves(TodoService todos, ChangeLog changes) {
        this.todos = todos;
        this.changes = changes;
    }

    /** Puts the todo right after todo {@code afterId} of its list ({@code null}: first); a todo there already stays. */
    public Uni<TodoView> move(CurrentUser user, long todoId, Long afterId, Long expectedVersion) {
        return changes.transaction(() -> todos.lockListOf(user, todoId, expectedVersion)
                .chain(todo -> neighbour(todo, afterId)
                        .chain(after -> next(todo, after).chain(next -> place(user, todo, after, next)))));
    }

    private Uni<Todo> neighbour(Todo todo, Long afterId) {
        if (afterId == null) {
            return Uni.createFrom().nullItem();
        }
        if (afterId.equals(todo.id)) {
            throw ApiException.invalid("after", "is the todo itself: name the todo it is to go after");
        }
        return Todo.<Todo>findById(afterId).invoke(after -> {
            if (after == null || after.listId != todo.listId) {
                throw ApiException.invalid("after", "is not a todo of the same list");
            }
        });
    }

    /** The key of the todo that will follow the moved one, or the bound no key may reach at the end. */
    private Uni<String> next(Todo todo, Todo after) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(NEXT, String.class)
                        .setParameter("list", todo.listId)
                        .setParameter("todo", todo.id)
                        .setParameter("position", after == null ? "" : after.position)
                        .setParameter("id", after == null ? 0L : after.id)
                        .getSingleResultOrNull()
                        .chain(next -> next != null
                                ? Uni.createFrom().item(next)
                                : session.createNativeQuery(NEXT_ID, Long.class)
                                        .getSingleResult()
                                        .map(Positions::ofId)));
    }

    private Uni<TodoView> place(CurrentUser user, Todo todo, Todo after, String next) {
        String before = after == null ? null : after.position;
        boolean there = (before == null || todo.position.compareTo(before) > 0) && todo.position.compareTo(next) < 0;
        if (there) {
            return Uni.createFrom().item(todo.view());
        }
        String key = Positions.between(before, next);
        if (key.length() > Positions.MOST_BYTES) {
            return renumber(user, todo, after);
        }
        todo.position = key;
        return changes.record(
                        todo.listId, ChangeType.TODO_MOVED, Map.of("id", todo.id, "position", key), user.username())
                .replaceWith(todo::view);
    }

    /** No room left in the gap: every todo of the list gets a new key, the moved one in its new place, as one change. */
    private Uni<TodoView> renumber(CurrentUser user, Todo todo, Todo after) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(
                                "select id from todo where list_id = :list order by position, id", Long.class)
                        .setParameter("list", todo.listId)
                        .getResultList()
                        .chain(ids -> {
                            List<Long> order = new ArrayList<>(ids);
                            order.remove(todo.id);
                            order.add(after == null ? 0 : order.indexOf(after.id) + 1, todo.id);
                            List<String> keys = Positions.renumbered(order.size());
                            Map<String, String> positions = new LinkedHashMap<>();
                            for (int i = 0; i < order.size(); i++) {
                                positions.put(order.get(i).toString(), keys.get(i));
                            }
                            todo.position = positions.get(todo.id.toString());
                            return session.createNativeQuery("""
                                    update todo t set position = p.position
                                      from unnest(cast(:ids as bigint[]), cast(:keys as text[])) as p(id, position)
                                     where t.id = p.id and t.list_id = :list
                                    """)
                                    .setParameter("ids", order.toArray(Long[]::new))
                                    .setParameter("keys", keys.toArray(String[]::new))
                                    .setParameter("list", todo.listId)
                                    .executeUpdate()
                                    .chain(() -> changes.record(
                                            todo.listId,
                                            ChangeType.LIST_REORDERED,
                                            Map.of("positions", positions),
                                            user.username()));
                        }))
                .replaceWith(todo::view);
    }
}
