package io.livetodo.todo;

import io.livetodo.change.ChangeLog;
import io.livetodo.change.ChangeType;
import io.livetodo.list.MemberLeaving;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;

/** A todo is assigned only to a member of its list: one who leaves it leaves their todos assigned to nobody. */
@ApplicationScoped
public class Assignments implements MemberLeaving {

    private final ChangeLog changes;

    Assignments(ChangeLog changes) {
        this.changes = changes;
    }

    /** One statement for all their todos of the list, then one {@code todo.updated} each, in id order. */
    @Override
    public Uni<Void> leaving(long listId, String username, String by) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("""
                        update todo set assignee = null, updated_by = :by, updated_at = :at, version = version + 1
                         where list_id = :list and assignee = :member
                        returning\s""" + Todo.COLUMNS, Todo.class)
                        .setParameter("by", by)
                        .setParameter("at", Instant.now().truncatedTo(ChronoUnit.MICROS))
                        .setParameter("list", listId)
                        .setParameter("member", username)
                        .getResultList())
                .chain(todos -> changes.recordAll(
                        listId,
                        ChangeType.TODO_UPDATED,
                        todos.stream()
                                .map(Todo::view)
                                .sorted(Comparator.comparingLong(TodoView::id))
                                .toList(),
                        by));
    }
}
