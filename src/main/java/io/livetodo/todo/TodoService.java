package io.livetodo.todo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;

import io.livetodo.account.CurrentUser;
import io.livetodo.common.ApiException;
import io.livetodo.list.ListService;
import io.livetodo.live.ChangeLog;
import io.livetodo.live.ChangeType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Todos in lists: every write locks its list and records the change in the same transaction. */
@ApplicationScoped
public class TodoService {

    /** One page of a list's todos, and whether more follow the last one. */
    public record Page(List<TodoView> todos, boolean more) {
    }

    private final ListService lists;
    private final ChangeLog changes;

    TodoService(ListService lists, ChangeLog changes) {
        this.lists = lists;
        this.changes = changes;
    }

    @WithSession
    public Uni<Page> page(CurrentUser user, long listId, long after, int limit) {
        // Everyone belongs to their personal list; only other lists need the membership query.
        Uni<?> member = listId == user.personalListId() ? Uni.createFrom().voidItem() : lists.requireMember(user, listId);
        return member
                .chain(() -> Todo.<Todo>find("listId = ?1 and id > ?2 order by id", listId, after).range(0, limit).list())
                .map(todos -> new Page(
                        todos.stream().limit(limit).map(Todo::view).toList(),
                        todos.size() > limit));
    }

    @WithSession
    public Uni<TodoView> get(CurrentUser user, long todoId) {
        return Todo.findVisible(todoId, user.id()).onItem().ifNull().failWith(TodoService::todoNotFound).map(Todo::view);
    }

    @WithTransaction
    public Uni<TodoView> create(CurrentUser user, long listId, TodoInput input) {
        return lists.lockForMember(user, listId)
                .chain(() -> failIfNameTaken(listId, input.name(), null))
                .chain(() -> {
                    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    Todo todo = new Todo();
                    todo.listId = listId;
                    todo.name = input.name();
                    todo.finished = Boolean.TRUE.equals(input.finished());
                    todo.createdBy = user.username();
                    todo.updatedBy = user.username();
                    todo.createdAt = now;
                    todo.updatedAt = now;
                    todo.version = 1;
                    return todo.<Todo>persist();
                })
                .call(todo -> changes.record(listId, ChangeType.TODO_CREATED, todo.view()))
                .map(Todo::view);
    }

    /**
     * Applies a patch. {@code expectedVersion}, from {@code If-Match}, is checked under the list's
     * lock, so two writers holding the same version cannot both succeed.
     */
    @WithTransaction
    public Uni<TodoView> update(CurrentUser user, long todoId, TodoPatch patch, Long expectedVersion) {
        return lockListOf(user, todoId)
                .chain(todo -> {
                    if (expectedVersion != null && expectedVersion != todo.version) {
                        return Uni.createFrom().failure(new ApiException(Status.PRECONDITION_FAILED,
                                "The todo has changed since version " + expectedVersion + "; it is now at version " + todo.version + "."));
                    }
                    Uni<Void> nameFree = patch.name() == null ? Uni.createFrom().voidItem()
                            : failIfNameTaken(todo.listId, patch.name(), todo.id);
                    return nameFree.map(ignored -> {
                        if (patch.name() != null) {
                            todo.name = patch.name();
                        }
                        if (patch.finished() != null) {
                            todo.finished = patch.finished();
                        }
                        todo.updatedBy = user.username();
                        todo.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        todo.version++;
                        return todo;
                    });
                })
                .call(todo -> changes.record(todo.listId, ChangeType.TODO_UPDATED, todo.view()))
                .map(Todo::view);
    }

    @WithTransaction
    public Uni<Void> delete(CurrentUser user, long todoId) {
        return lockListOf(user, todoId)
                .call(Todo::delete)
                .call(todo -> changes.record(todo.listId, ChangeType.TODO_DELETED, Map.of("id", todo.id)))
                .replaceWithVoid();
    }

    /** Finds the list of a visible todo, locks it, then reads the todo as it is under the lock. */
    private Uni<Todo> lockListOf(CurrentUser user, long todoId) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery("""
                        select t.listId from Todo t where t.id = :todo
                           and exists (select 1 from Membership m where m.listId = t.listId and m.userId = :user)
                        """, Long.class)
                        .setParameter("todo", todoId)
                        .setParameter("user", user.id())
                        .getSingleResultOrNull())
                .onItem().ifNull().failWith(TodoService::todoNotFound)
                .chain(listId -> lists.lockForMember(user, listId).onFailure(ApiException.class).transform(e -> todoNotFound()))
                .chain(() -> Todo.findVisible(todoId, user.id()))
                .onItem().ifNull().failWith(TodoService::todoNotFound);
    }

    private Uni<Void> failIfNameTaken(long listId, String name, Long exceptId) {
        return Todo.nameTaken(listId, name, exceptId).invoke(taken -> {
            if (taken) {
                throw ApiException.conflict("A todo named \"" + name + "\" already exists in this list.");
            }
        }).replaceWithVoid();
    }

    public static ApiException todoNotFound() {
        return ApiException.notFound("Todo not found");
    }
}
