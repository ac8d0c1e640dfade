package io.livetodo.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.change.ChangeLog;
import io.livetodo.change.ChangeType;
import io.livetodo.change.Statements;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.list.ListService;
import io.livetodo.todo.ImportDocument.ImportedList;
import io.livetodo.todo.ImportDocument.ImportedTodo;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports (SPEC §9): each list of a document becomes a new list owned by the importer, with its
 * todos in the document's order, all in one transaction or nothing. Each list and todo is
 * recorded as any other's creation ({@code member.added} for the owner, then one
 * {@code todo.created} per todo), so the importer's live connections learn of them.
 */
@ApplicationScoped
public class Imports {

    /**
     * A list's todos in one statement. Their ids are drawn as the rows are inserted, in the
     * document's order (order by n), and the trigger todo_positioned makes each one's place from
     * its id: the list is in the document's order.
     */
    private static final String INSERT = """
            insert into todo (list_id, name, finished, created_by, updated_by, created_at, updated_at, version,
                              notes, due_date, due_time, due_zone, due_at, assignee)
            select :list, e.todo ->> 'name', cast(e.todo ->> 'finished' as boolean), :by, :by, :at, :at, 1,
                   e.todo ->> 'notes', cast(e.todo -> 'due' ->> 'date' as date), cast(e.todo -> 'due' ->> 'time' as time),
                   e.todo -> 'due' ->> 'time_zone', cast(e.todo -> 'due' ->> 'at' as timestamptz), e.todo ->> 'assignee'
              from jsonb_array_elements(cast(cast(:todos as text) as jsonb)) with ordinality as e(todo, n)
             order by e.n
            returning id, name, position
            """;

    /** What an import made: each list, with the number of its todos. */
    @RegisterForReflection
    public record ImportView(List<Created> lists) {

        @RegisterForReflection
        public record Created(long id, String name, int todos) {}
    }

    private final ChangeLog changes;
    private final ListService lists;
    private final Statements statements;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final int todosPerList;

    Imports(
            ChangeLog changes,
            ListService lists,
            Statements statements,
            ObjectMapper json,
            Vertx vertx,
            LivetodoConfig config) {
        this.changes = changes;
        this.lists = lists;
        this.statements = statements;
        this.json = json;
        this.vertx = vertx;
        this.todosPerList = config.quota().todosPerList();
    }

    /**
     * Reads the document, on a worker thread as it may be megabytes, then creates its lists; a
     * document with anything wrong is refused (422) before anything is written.
     */
    public Uni<ImportView> importLists(CurrentUser user, String document) {
        return vertx.executeBlocking(
                        Uni.createFrom().item(() -> ImportDocument.read(json, document, user.username(), todosPerList)),
                        false)
                .chain(read -> changes.transaction(() -> create(user, read)));
    }

    private Uni<ImportView> create(CurrentUser user, List<ImportedList> read) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return lists.createAll(user, read.stream().map(ImportedList::name).toList())
                .chain(ids -> Multi.createFrom()
                        .range(0, ids.size())
                        .onItem()
                        .transformToUniAndConcatenate(i -> addTodos(user, ids.get(i), read.get(i), now))
                        .collect()
                        .asList())
                .map(ImportView::new);
    }

    private Uni<ImportView.Created> addTodos(CurrentUser user, long listId, ImportedList list, Instant now) {
        ImportView.Created created =
                new ImportView.Created(listId, list.name(), list.todos().size());
        if (list.todos().isEmpty()) {
            return Uni.createFrom().item(created);
        }
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("list", listId);
        parameters.put("by", user.username());
        parameters.put("at", now);
        parameters.put("todos", serialize(list.todos()));
        return statements
                .run(INSERT, parameters)
                .chain(rows -> changes.recordAll(
                        listId, ChangeType.TODO_CREATED, views(user, listId, list.todos(), rows, now), user.username()))
                .replaceWith(created);
    }

    /** The todos as created, in the document's order, as a create records them: with their ids and places. */
    private static List<TodoView> views(
            CurrentUser user, long listId, List<ImportedTodo> todos, List<Object[]> rows, Instant now) {
        // A todo's name is its own in its list: the rows come back in no set order.
        Map<String, Object[]> byName = new HashMap<>();
        rows.forEach(row -> byName.put((String) row[1], row));
        List<TodoView> views = new ArrayList<>(todos.size());
        for (ImportedTodo todo : todos) {
            Object[] row = byName.get(todo.name());
            views.add(new TodoView(
                    ((Number) row[0]).longValue(),
                    listId,
                    todo.name(),
                    todo.finished(),
                    user.username(),
                    user.username(),
                    now,
                    now,
                    1,
                    (String) row[2],
                    todo.due(),
                    todo.assignee(),
                    todo.notes()));
        }
        return views;
    }

    private String serialize(List<ImportedTodo> todos) {
        try {
            return json.writeValueAsString(todos);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("imported todos serialize to JSON", e);
        }
    }
}
