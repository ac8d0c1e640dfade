package io.livetodo.todo;

import io.livetodo.common.CurrentUser;
import io.livetodo.common.Paging;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Search across the caller's lists, on PostgreSQL's full-text search. */
@Path("/search")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Todos")
@APIResponse(responseCode = "401", description = "Not logged in")
public class SearchResource {

    private final TodoViews views;
    private final SecurityIdentity identity;

    SearchResource(TodoViews views, SecurityIdentity identity) {
        this.views = views;
        this.identity = identity;
    }

    @GET
    @Operation(
            summary = "Search my todos",
            description = "Todos of my lists whose name or notes have every word of q (the last word also as a "
                    + "word's start), best first; finished ones included. limit: 1 to 100, 20 by default.")
    @APIResponse(responseCode = "200", description = "The todos, each with list_name")
    @APIResponse(responseCode = "400", description = "limit is not a whole number from 1 to 100")
    @APIResponse(responseCode = "422", description = "q missing, empty, without a word, or over 200 characters")
    public Uni<List<ListedTodo>> search(@QueryParam("q") String q, @QueryParam("limit") String limit) {
        return views.search(CurrentUser.of(identity), q, Paging.limit(limit, 20, 100));
    }
}
