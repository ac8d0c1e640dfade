package io.livetodo.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.livetodo.common.ApiException;
import io.livetodo.list.WritesList;
import io.livetodo.todo.TodoInput;
import io.livetodo.todo.TodoPatch;
import io.livetodo.todo.TodoService;
import io.livetodo.todo.TutorialBoolean;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/** The forms of a list's page for its todos: add, tick, rename, details, delete, and all at once. */
@Path("/app/lists/{list}/todos")
@Tag(name = "Web pages")
@Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
public class TodoForms {

    private final PageForms forms;
    private final TodoService todos;
    private final ListPage page;

    TodoForms(PageForms forms, TodoService todos, ListPage page) {
        this.forms = forms;
        this.todos = todos;
        this.page = page;
    }

    @WritesList(list = "list")
    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Add a todo from a list's page")
    public Uni<Response> addTodo(
            @RestPath long list,
            @RestForm String name,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return page.submit(
                request,
                csrf,
                list,
                user -> forms.valid(new TodoInput(name, false)).chain(input -> todos.create(user, list, input)));
    }

    @WritesList(list = "list")
    @POST
    @Path("finished")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Mark every todo of a list finished or unfinished from its page")
    public Uni<Response> finishAll(
            @RestPath long list,
            @RestForm String finished,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return page.submit(
                request, csrf, list, user -> finished(finished).chain(value -> todos.finishAll(user, list, value)));
    }

    @WritesList(list = "list")
    @POST
    @Path("clear-finished")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Delete the finished todos of a list from its page")
    public Uni<Response> clearFinished(
            @RestPath long list, @RestForm(Csrf.FIELD) String csrf, @Context HttpServerRequest request) {
        return page.submit(request, csrf, list, user -> todos.clearFinished(user, list));
    }

    @WritesList(list = "list")
    @POST
    @Path("{todo}/finished")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Tick or untick a todo from a list's page")
    public Uni<Response> tick(
            @RestPath long list,
            @RestPath long todo,
            @RestForm String finished,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return page.submit(
                request,
                csrf,
                list,
                user -> finished(finished).chain(value -> todos.update(user, todo, new TodoPatch(null, value), null)));
    }

    @WritesList(list = "list")
    @POST
    @Path("{todo}/rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Rename a todo from a list's page")
    public Uni<Response> renameTodo(
            @RestPath long list,
            @RestPath long todo,
            @RestForm String name,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return page.submit(
                request,
                csrf,
                list,
                user -> forms.valid(new TodoPatch(name, null)).chain(patch -> todos.update(user, todo, patch, null)));
    }

    @WritesList(list = "list")
    @POST
    @Path("{todo}/delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Delete a todo from a list's page")
    public Uni<Response> deleteTodo(
            @RestPath long list,
            @RestPath long todo,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return page.submit(request, csrf, list, user -> todos.delete(user, todo));
    }

    @WritesList(list = "list")
    @POST
    @Path("{todo}/details")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Set a todo's due date, assignee and notes from a list's page")
    public Uni<Response> details(
            @RestPath long list,
            @RestPath long todo,
            @RestForm("due_date") String dueDate,
            @RestForm("due_time") String dueTime,
            @RestForm("due_zone") String dueZone,
            @RestForm String assignee,
            @RestForm String notes,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        TodoPatch patch = new TodoPatch(null, null, due(dueDate, dueTime, dueZone), orNull(assignee), orNull(notes));
        return page.submit(request, csrf, list, user -> todos.update(user, todo, patch, null));
    }

    /**
     * The due a form's fields name, as the API takes it: none without a date, a day without a time,
     * else a moment in the form's zone (the todo's own, or the user's).
     */
    private static JsonNode due(String date, String time, String zone) {
        if (date == null || date.isBlank()) {
            return NullNode.instance;
        }
        ObjectNode due = JsonNodeFactory.instance.objectNode().put("date", date.strip());
        if (time != null && !time.isBlank()) {
            due.put("time", time.strip()).put("time_zone", zone);
        }
        return due;
    }

    /** An empty field clears what it sets. */
    private static JsonNode orNull(String field) {
        return field == null || field.isEmpty() ? NullNode.instance : TextNode.valueOf(field);
    }

    /** A form's {@code finished} field, read as the tutorial's API reads it. */
    private static Uni<Boolean> finished(String finished) {
        Boolean value = TutorialBoolean.parse(finished);
        return value == null
                ? Uni.createFrom().failure(ApiException.invalid("finished", TutorialBoolean.RULE))
                : Uni.createFrom().item(value);
    }
}
