package io.livetodo.todo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.livetodo.common.ApiError;
import io.livetodo.common.ApiException;
import io.livetodo.common.ValidName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A document for {@code POST /user/import}, as {@code GET /user/export} writes it, read and
 * checked whole before anything is written: the first thing wrong with it, in document order, is a
 * 422 naming its path ({@code lists[2].todos[5].due}; {@code $} for the document itself). Only
 * what an import keeps is read: each list's name, and its todos' names, ticks, dues, notes and
 * assignees; the rest (ids, roles, members, authors, times) is left as it is.
 */
final class ImportDocument {

    /** A todo as it will be created; its assignee is kept only when that is the importer. */
    @RegisterForReflection
    record ImportedTodo(String name, boolean finished, Due due, String assignee, String notes) {}

    record ImportedList(String name, List<ImportedTodo> todos) {}

    private ImportDocument() {}

    /** The document's lists; fails with 422 on the first thing wrong with it. */
    static List<ImportedList> read(ObjectMapper json, String document, String importer, int mostTodos) {
        JsonNode root = parse(json, document);
        if (!root.isObject()) {
            throw invalid("$", "is a livetodo export: an object with " + ExportWriter.VERSION_FIELD + " and lists");
        }
        JsonNode version = root.get(ExportWriter.VERSION_FIELD);
        if (version == null || !version.isIntegralNumber() || version.longValue() != ExportWriter.VERSION) {
            throw invalid(
                    ExportWriter.VERSION_FIELD,
                    "is " + ExportWriter.VERSION + ", the version of the export this service reads");
        }
        JsonNode lists = root.get("lists");
        if (lists == null || !lists.isArray()) {
            throw invalid("lists", "is the array of the lists to create");
        }
        List<ImportedList> read = new ArrayList<>(lists.size());
        for (int i = 0; i < lists.size(); i++) {
            read.add(list("lists[" + i + "]", lists.get(i), importer, mostTodos));
        }
        return read;
    }

    private static JsonNode parse(ObjectMapper json, String document) {
        try (JsonParser parser = json.createParser(document)) {
            JsonNode root = json.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw invalid("$", "is one JSON object, with nothing after it");
            }
            return root == null ? MissingNode.getInstance() : root;
        } catch (JsonProcessingException e) {
            String at = e.getProcessor() instanceof JsonParser parser ? path(parser.getParsingContext()) : "$";
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")";
            throw invalid(at, "is not JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImportedList list(String path, JsonNode list, String importer, int mostTodos) {
        if (!list.isObject()) {
            throw invalid(path, "is a list: an object with a name and its todos");
        }
        String name = name(path + ".name", list.get("name"));
        JsonNode todos = list.get("todos");
        if (isAbsent(todos)) {
            return new ImportedList(name, List.of());
        }
        if (!todos.isArray()) {
            throw invalid(path + ".todos", "is the array of the list's todos, in order");
        }
        if (todos.size() > mostTodos) {
            throw invalid(
                    path + ".todos", "holds " + todos.size() + " todos, more than the " + mostTodos + " a list may");
        }
        Set<String> names = new HashSet<>();
        List<ImportedTodo> read = new ArrayList<>(todos.size());
        for (int i = 0; i < todos.size(); i++) {
            read.add(todo(path + ".todos[" + i + "]", todos.get(i), importer, names));
        }
        return new ImportedList(name, read);
    }

    private static ImportedTodo todo(String path, JsonNode todo, String importer, Set<String> earlierNames) {
        if (!todo.isObject()) {
            throw invalid(path, "is a todo: an object with at least a name");
        }
        String name = name(path + ".name", todo.get("name"));
        if (!earlierNames.add(name)) {
            throw invalid(path + ".name", "is the name of an earlier todo of the list; each todo's is its own");
        }
        JsonNode finished = todo.get("finished");
        if (!isAbsent(finished) && !finished.isBoolean()) {
            throw invalid(path + ".finished", "is true or false");
        }
        Due due = due(path + ".due", todo.get("due"));
        JsonNode notes = todo.get("notes");
        if (!isAbsent(notes)
                && (!notes.isTextual()
                        || notes.asText().length() > TodoPatch.MOST_NOTES
                        || notes.asText().indexOf('\0') >= 0)) {
            throw invalid(path + ".notes", "is text of at most 10,000 characters, without NUL, or null");
        }
        JsonNode assignee = todo.get("assignee");
        if (!isAbsent(assignee) && !assignee.isTextual()) {
            throw invalid(path + ".assignee", "is a username, or null");
        }
        return new ImportedTodo(
                name,
                !isAbsent(finished) && finished.booleanValue(),
                due,
                isAbsent(assignee) || !assignee.asText().equals(importer) ? null : importer,
                isAbsent(notes) ? "" : notes.asText());
    }

    private static String name(String path, JsonNode name) {
        if (isAbsent(name)) {
            throw invalid(path, "is required");
        }
        if (!name.isTextual()) {
            throw invalid(path, "is text");
        }
        String problem = ValidName.Check.problem(name.asText());
        if (problem != null) {
            throw invalid(path, problem);
        }
        return name.asText();
    }

    /** {@link Due#read}, its errors named by the path. */
    private static Due due(String path, JsonNode due) {
        try {
            return Due.read(due);
        } catch (ApiException e) {
            throw ApiException.invalid(e.body().details().stream()
                    .map(detail -> new ApiError.FieldError(path, detail.message()))
                    .toList());
        }
    }

    /** Where the parser was: {@code lists[2].todos[5].name}, or {@code $} before anything. */
    private static String path(JsonStreamContext context) {
        Deque<String> steps = new ArrayDeque<>();
        for (JsonStreamContext step = context; step != null && !step.inRoot(); step = step.getParent()) {
            if (step.inArray()) {
                steps.push("[" + step.getCurrentIndex() + "]");
            } else if (step.getCurrentName() != null) {
                steps.push("." + step.getCurrentName());
            }
        }
        String path = String.join("", steps);
        return path.isEmpty() ? "$" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static ApiException invalid(String path, String message) {
        return ApiException.invalid(path, message);
    }
}
