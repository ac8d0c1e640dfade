package io.livetodo.todo;

import io.livetodo.common.CurrentUser;
import io.livetodo.idempotency.Idempotent;
import io.livetodo.list.WritesList;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The tutorial's Todo API: {@code /todos/} is the caller's personal list, and any todo they can see by id. */
@Path("/todos")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Todos")
@APIResponse(responseCode = "401", description = "Not logged in")
public class TodoResource {

    private final TodoService todos;
    private final TodoMoves moves;
    private final TodoViews views;
    private final SecurityIdentity identity;

    TodoResource(TodoService todos, TodoMoves moves, TodoViews views, SecurityIdentity identity) {
        this.todos = todos;
        this.moves = moves;
        this.views = views;
        this.identity = identity;
    }

    @GET
    @Operation(
            summary = "Todos of my personal list",
            description =
                    "In list order (id order until a todo is moved). Lists longer than 1000 come a page at a time, with a Link rel=\"next\" header.")
    @APIResponse(responseCode = "200", description = "The todos")
    @APIResponse(responseCode = "400", description = "after or limit is not a valid number")
    public Uni<Response> list(
            @QueryParam("after") String after, @QueryParam("limit") String limit, @Context UriInfo uri) {
        CurrentUser user = CurrentUser.of(identity);
        int pageSize = TodoResponses.limit(limit);
        return todos.page(user, user.personalListId(), TodoResponses.after(after), pageSize)
                .map(page -> TodoResponses.page(page, uri, pageSize));
    }

    @WritesList
    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a todo to my personal list")
    @APIResponse(responseCode = "303", description = "Created; Location is the new todo")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "409", description = "A todo with that name already exists in the list")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    @APIResponse(
            responseCode = "422",
            description = "name missing, not a string, empty or over 255 characters; finished not a boolean")
    public Uni<Response> create(@Valid @NotNull TodoInput body) {
        CurrentUser user = CurrentUser.of(identity);
        return todos.create(user, user.personalListId(), body).map(TodoResponses::created);
    }

    @WritesList
    @Idempotent
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Mark every todo of my personal list finished or unfinished",
            description = "As for any list: one change per todo that changes.")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "422", description = "finished missing or not a boolean")
    public Uni<Void> finishAll(@Valid @NotNull BulkPatch body) {
        CurrentUser user = CurrentUser.of(identity);
        return todos.finishAll(user, user.personalListId(), body.finished());
    }

    @WritesList
    @Idempotent
    @DELETE
    @Operation(
            summary = "Delete the finished todos of my personal list",
            description = "Needs ?finished=true; one change per todo.")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(responseCode = "400", description = "finished=true is missing")
    public Uni<Void> clearFinished(@QueryParam("finished") String finished) {
        TodoResponses.requireFinishedOnly(finished);
        CurrentUser user = CurrentUser.of(identity);
        return todos.clearFinished(user, user.personalListId());
    }

    @GET
    @Path("due")
    @Operation(
            summary = "What is due across my lists",
            description = "Unfinished todos of every list I belong to, overdue (before today), today, or upcoming "
                    + "(the seven days after today), in my time_zone; by due day and time, then list order.")
    @APIResponse(responseCode = "200", description = "The todos, each with list_name")
    @APIResponse(responseCode = "422", description = "range is not overdue, today or upcoming")
    public Uni<List<ListedTodo>> due(@QueryParam("range") String range) {
        return views.due(CurrentUser.of(identity), range);
    }

    @GET
    @Path("assigned")
    @Operation(
            summary = "What is assigned to me across my lists",
            description = "Unfinished todos assigned to me, by due day (none last), then list order.")
    @APIResponse(responseCode = "200", description = "The todos, each with list_name")
    public Uni<List<ListedTodo>> assigned() {
        return views.assigned(CurrentUser.of(identity));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One todo", description = "Its ETag is its version.")
    @APIResponse(responseCode = "200", description = "The todo")
    @APIResponse(responseCode = "404", description = "No such todo in any of my lists")
    public Uni<Response> get(@PathParam("id") long id) {
        return todos.get(CurrentUser.of(identity), id)
                .map(todo ->
                        Response.ok(todo).header(HttpHeaders.ETAG, todo.etag()).build());
    }

    @WritesList(todo = "id")
    @Idempotent
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change a todo's name or finished flag",
            description = "With If-Match, only if the todo is still at that version.")
    @APIResponse(responseCode = "204", description = "Changed; ETag is the new version")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "404", description = "No such todo in any of my lists")
    @APIResponse(responseCode = "409", description = "Another todo in the list has that name")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(responseCode = "422", description = "Neither field given, or a field of the wrong type")
    public Uni<Response> update(
            @PathParam("id") long id,
            @Valid @NotNull TodoPatch body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return todos.update(CurrentUser.of(identity), id, body, TodoResponses.expectedVersion(ifMatch))
                .map(todo -> Response.noContent()
                        .header(HttpHeaders.ETAG, todo.etag())
                        .build());
    }

    @WritesList(todo = "id")
    @Idempotent
    @POST
    @Path("{id}/move")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Move a todo within its list",
            description = "Right after the todo named by after, or first for after null. With If-Match, only if "
                    + "the todo is still at that version; a move leaves the version as it is.")
    @APIResponse(responseCode = "200", description = "The todo, in its new place")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "404", description = "No such todo in any of my lists")
    @APIResponse(responseCode = "412", description = "If-Match names an older version")
    @APIResponse(
            responseCode = "422",
            description = "after missing, not a todo id or null, the todo itself, or a todo of another list")
    public Uni<Response> move(
            @PathParam("id") long id,
            @Valid @NotNull TodoMove body,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        return moves.move(CurrentUser.of(identity), id, body.after(), TodoResponses.expectedVersion(ifMatch))
                .map(todo ->
                        Response.ok(todo).header(HttpHeaders.ETAG, todo.etag()).build());
    }

    @WritesList(todo = "id")
    @Idempotent
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a todo")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "No such todo in any of my lists")
    public Uni<Void> delete(@PathParam("id") long id) {
        return todos.delete(CurrentUser.of(identity), id);
    }
}
