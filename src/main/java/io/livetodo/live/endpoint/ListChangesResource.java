package io.livetodo.live.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.Paging;
import io.livetodo.list.ListAccess;
import io.livetodo.live.ChangeReader;
import io.livetodo.live.wire.LiveMessage;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A list's history over HTTP, for clients that were away or cannot hold a WebSocket: the same
 * change messages {@code /live} sends, serialized the same way, in version order.
 */
@Path("/lists/{id}/changes")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lists")
@APIResponse(responseCode = "401", description = "Not logged in")
public class ListChangesResource {

    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;

    private final ChangeReader reader;
    private final SecurityIdentity identity;

    ListChangesResource(ChangeReader reader, SecurityIdentity identity) {
        this.reader = reader;
        this.identity = identity;
    }

    @GET
    @Operation(
            summary = "Changes of a list",
            description = "The change messages of the live protocol after a version, in version "
                    + "order, up to limit (default " + DEFAULT_PAGE + ", at most " + MAX_PAGE
                    + ") at a time, with a Link rel=\"next\" "
                    + "header while there are more. Without after: from the oldest change the caller may read.")
    @APIResponse(responseCode = "200", description = "The changes")
    @APIResponse(responseCode = "400", description = "after or limit is not a valid number")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    @APIResponse(
            responseCode = "410",
            description = "Those changes are from before I joined, or no longer kept: reload the list")
    public Uni<Response> changes(
            @PathParam("id") long id,
            @QueryParam("after") String after,
            @QueryParam("limit") String limit,
            @Context UriInfo uri) {
        Long asked = after == null ? null : version(after);
        int pageSize = Paging.limit(limit, DEFAULT_PAGE, MAX_PAGE);
        return reader.history(id, CurrentUser.of(identity).id()).chain(history -> {
            if (history == null) {
                throw ListAccess.listNotFound();
            }
            long from = asked != null ? asked : Math.max(history.joined(), history.oldest()) - 1;
            if (from < history.joined() - 1) {
                throw gone("Changes from before you joined the list (at version " + history.joined()
                        + ") are not yours to read; " + "reload the list.");
            }
            return reader.messagesAfter(id, from, pageSize).map(messages -> {
                if (!messages.continues(from)) {
                    throw gone("The changes after version " + from + " are no longer kept; reload the list.");
                }
                return page(messages, uri, pageSize);
            });
        });
    }

    private static Response page(ChangeReader.Messages messages, UriInfo uri, int limit) {
        List<LiveMessage.Changed> changes = messages.changes();
        Response.ResponseBuilder response;
        try {
            response = Response.ok(LiveMessage.JSON.writeValueAsString(changes), MediaType.APPLICATION_JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("live messages are plain data", e);
        }
        long last = changes.isEmpty() ? 0 : changes.get(changes.size() - 1).version();
        if (changes.size() == limit && messages.current() != null && last < messages.current()) {
            response.header("Link", Paging.nextLink(uri, last, limit));
        }
        return response.build();
    }

    private static ApiException gone(String message) {
        return new ApiException(Status.GONE, message);
    }

    private static long version(String after) {
        try {
            long version = Long.parseLong(after);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below, like a negative version
        }
        throw new ApiException(Status.BAD_REQUEST, "The after parameter must be a list version, 0 or more.");
    }
}
