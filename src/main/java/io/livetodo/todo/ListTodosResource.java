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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The todos of any list one belongs to; those of one's personal list are also at {@code /todos}. */
@Path("/lists/{id}/todos")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lists")
@APIResponse(responseCode = "401", description = "Not logged in")
public class ListTodosResource {

    private final TodoService todos;
    private final SecurityIdentity identity;

    ListTodosResource(TodoService todos, SecurityIdentity identity) {
        this.todos = todos;
        this.identity = identity;
    }

    @GET
    @Operation(
            summary = "Todos of a list",
            description =
                    "Ordered by id. Lists longer than 1000 come a page at a time, with a Link rel=\"next\" header.")
    @APIResponse(responseCode = "200", description = "The todos")
    @APIResponse(responseCode = "400", description = "after or limit is not a valid number")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    public Uni<Response> todos(
            @PathParam("id") long id,
            @QueryParam("after") String after,
            @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        int pageSize = TodoResponses.limit(limit);
        return todos.page(user(), id, TodoResponses.after(after), pageSize)
                .map(page -> TodoResponses.page(page, uri, pageSize));
    }

    @WritesList(list = "id")
    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a todo to a list")
    @APIResponse(responseCode = "303", description = "Created; Location is the new todo")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    @APIResponse(responseCode = "409", description = "A todo with that name already exists in the list")
    @APIResponse(responseCode = "422", description = "name missing, not a string, empty or over 255 characters")
    public Uni<Response> addTodo(@PathParam("id") long id, @Valid @NotNull TodoInput body) {
        return todos.create(user(), id, body).map(TodoResponses::created);
    }

    @WritesList(list = "id")
    @Idempotent
    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Mark every todo of a list finished or unfinished",
            description =
                    "One change per todo that changes, in id order, under consecutive versions, in one transaction.")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    @APIResponse(responseCode = "422", description = "finished missing or not a boolean")
    public Uni<Void> finishAll(@PathParam("id") long id, @Valid @NotNull BulkPatch body) {
        return todos.finishAll(user(), id, body.finished());
    }

    @WritesList(list = "id")
    @Idempotent
    @DELETE
    @Operation(
            summary = "Delete the finished todos of a list",
            description =
                    "Needs ?finished=true. One change per todo, in id order, under consecutive versions, in one transaction.")
    @APIResponse(responseCode = "204", description = "Done")
    @APIResponse(responseCode = "400", description = "finished=true is missing")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    public Uni<Void> clearFinished(@PathParam("id") long id, @QueryParam("finished") String finished) {
        TodoResponses.requireFinishedOnly(finished);
        return todos.clearFinished(user(), id);
    }

    private CurrentUser user() {
        return CurrentUser.of(identity);
    }
}
