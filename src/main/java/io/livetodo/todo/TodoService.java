package io.livetodo.todo;

import io.livetodo.change.ChangeLog;
import io.livetodo.change.ChangeType;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.DatabaseErrors;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.list.ListAccess;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Todos in lists: every write locks its list and records the change in the same transaction.
 * Reads and creates, the paths taken most, are single statements ({@link TodoQueries}).
 */
@ApplicationScoped
public class TodoService {

    /** One page of a list's todos, and whether more follow the last one. */
    public record Page(List<TodoView> todos, boolean more) {}

    private final ListAccess access;
    private final ChangeLog changes;
    private final TodoQueries queries;
    private final int todosPerList;

    TodoService(ListAccess access, ChangeLog changes, TodoQueries queries, LivetodoConfig config) {
        this.access = access;
        this.changes = changes;
        this.queries = queries;
        this.todosPerList = config.quota().todosPerList();
    }

    public Uni<Page> page(CurrentUser user, long listId, long after, int limit) {
        // One more than asked for tells whether more follow.
        return queries.page(listId, user.id(), after, limit + 1)
                .onItem()
                .ifNull()
                .failWith(ListAccess::listNotFound)
                .map(todos -> new Page(todos.size() > limit ? todos.subList(0, limit) : todos, todos.size() > limit));
    }

    public Uni<TodoView> get(CurrentUser user, long todoId) {
        return queries.findVisible(todoId, user.id()).onItem().ifNull().failWith(TodoService::todoNotFound);
    }

    /**
     * Adds a todo in one statement, which locks the list, checks its cap and records the change
     * ({@link TodoQueries#create}); it runs in the request's transaction when it has one.
     */
    public Uni<TodoView> create(CurrentUser user, long listId, TodoInput input) {
        return Uni.createFrom().item(() -> Due.read(input.due())).chain(due -> create(user, listId, input, due));
    }

    private Uni<TodoView> create(CurrentUser user, long listId, TodoInput input, Due due) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TodoView todo = new TodoView(
                0,
                listId,
                input.name(),
                Boolean.TRUE.equals(input.finished()),
                user.username(),
                user.username(),
                now,
                now,
                1,
                null,
                due,
                input.assignee(),
                input.notes() == null ? "" : input.notes());
        return queries.create(
                        listId, user.id(), todo, ChangeType.TODO_CREATED.wire(), changes.serialize(todo), todosPerList)
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> nameTaken(todo.name()))
                .onItem()
                .ifNull()
                .failWith(ListAccess::listNotFound)
                .invoke(created -> {
                    if (created.readOnly()) {
                        throw ListAccess.readOnly();
                    }
                    if (created.full()) {
                        throw listFull();
                    }
                    if (created.unassignable()) {
                        throw ListAccess.notAssignable(todo.assignee());
                    }
                    changes.recordedBy(listId, created.version());
                })
                .map(TodoQueries.Created::todo);
    }

    /**
     * Applies a patch. {@code expectedVersion}, from {@code If-Match}, is checked under the list's
     * lock, so two writers holding the same version cannot both succeed.
     */
    public Uni<TodoView> update(CurrentUser user, long todoId, TodoPatch patch, Long expectedVersion) {
        return changes.transaction(() -> lockListOf(user, todoId, expectedVersion)
                        .chain(todo -> {
                            if (patch.name() != null) {
                                todo.name = patch.name();
                            }
                            if (patch.finished() != null) {
                                todo.finished = patch.finished();
                            }
                            if (patch.due() != null) {
                                todo.due(Due.read(patch.due()));
                            }
                            if (patch.notes() != null) {
                                todo.notes = patch.newNotes();
                            }
                            todo.updatedBy = user.username();
                            todo.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                            todo.version++;
                            return patch.assignee() == null
                                    ? Uni.createFrom().item(todo)
                                    : assign(todo, patch.newAssignee());
                        })
                        // The change is recorded after the row is written: a name the list has already fails there, as
                        // a create's does.
                        .call(todo ->
                                changes.record(todo.listId, ChangeType.TODO_UPDATED, todo.view(), user.username()))
                        .map(Todo::view))
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> nameTaken(patch.name()));
    }

    public Uni<Void> delete(CurrentUser user, long todoId) {
        return changes.transaction(() -> lockListOf(user, todoId, null)
                .call(Todo::delete)
                .call(todo ->
                        changes.record(todo.listId, ChangeType.TODO_DELETED, Map.of("id", todo.id), user.username()))
                .replaceWithVoid());
    }

    /**
     * Marks every todo of the list finished or unfinished: one change per todo that changes, in id
     * order. Two statements whatever the list holds (the todos, then their changes), so the list's
     * lock is held for a bounded time.
     */
    public Uni<Void> finishAll(CurrentUser user, long listId, boolean finished) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return changes.transaction(() -> access.lockToWrite(user, listId)
                .chain(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery("""
                        update todo set finished = :finished, updated_by = :by, updated_at = :at, version = version + 1
                         where list_id = :list and finished <> :finished
                        returning\s""" + Todo.COLUMNS, Todo.class)
                                .setParameter("finished", finished)
                                .setParameter("by", user.username())
                                .setParameter("at", now)
                                .setParameter("list", listId)
                                .getResultList()))
                .chain(todos -> changes.recordAll(
                        listId,
                        ChangeType.TODO_UPDATED,
                        todos.stream()
                                .map(Todo::view)
                                .sorted(Comparator.comparingLong(TodoView::id))
                                .toList(),
                        user.username())));
    }

    /** Deletes the finished todos of the list: one change per todo, in id order. */
    public Uni<Void> clearFinished(CurrentUser user, long listId) {
        return changes.transaction(() -> access.lockToWrite(user, listId)
                // One statement, read as a query: an ORM bulk delete would leave Hibernate clean-up work it warns
                // about.
                .chain(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(
                                        "delete from todo where list_id = :list and finished returning id", Long.class)
                                .setParameter("list", listId)
                                .getResultList()))
                .chain(ids -> changes.recordAll(
                        listId,
                        ChangeType.TODO_DELETED,
                        ids.stream().sorted().map(id -> Map.of("id", id)).toList(),
                        user.username())));
    }

    /**
     * Finds the todo's list and locks it for the user, then reads the todo as it is under the
     * lock; the lock is where membership is checked (lock_to_write), so anyone else gets 404, and
     * a viewer 403.
     * {@code expectedVersion}, from {@code If-Match} (null: any), is checked there too, so two
     * writers holding the same version cannot both succeed (412).
     */
    Uni<Todo> lockListOf(CurrentUser user, long todoId, Long expectedVersion) {
        return Panache.getSession()
                .chain(session -> session.createSelectionQuery(
                                "select t.listId from Todo t where t.id = :todo", Long.class)
                        .setParameter("todo", todoId)
                        .getSingleResultOrNull())
                .onItem()
                .ifNull()
                .failWith(TodoService::todoNotFound)
                .chain(listId -> access.lockToWrite(user, listId)
                        .onFailure(e -> e instanceof ApiException refusal && refusal.status() == 404)
                        .transform(e -> todoNotFound()))
                .chain(() -> Todo.<Todo>findById(todoId))
                .onItem()
                .ifNull()
                .failWith(TodoService::todoNotFound)
                .invoke(todo -> {
                    if (expectedVersion != null && expectedVersion != todo.version) {
                        throw new ApiException(
                                Status.PRECONDITION_FAILED,
                                "The todo has changed since version " + expectedVersion + "; it is now at version "
                                        + todo.version + ".");
                    }
                });
    }

    /** Assigns the todo to a member of its list, read once its list is locked; or to nobody. */
    private Uni<Todo> assign(Todo todo, String assignee) {
        if (assignee == null) {
            todo.assignee = null;
            return Uni.createFrom().item(todo);
        }
        return access.assignable(todo.listId, assignee).map(member -> {
            todo.assignee = member;
            return todo;
        });
    }

    private ApiException listFull() {
        return ApiException.conflict(
                "This list holds " + todosPerList + " todos, the most a list may; finish or delete some first.");
    }

    private static ApiException nameTaken(String name) {
        return ApiException.conflict("A todo named \"" + name + "\" already exists in this list.");
    }

    public static ApiException todoNotFound() {
        return ApiException.notFound("Todo not found");
    }
}
