package io.livetodo.list;

import io.livetodo.common.ClientAddress;
import io.livetodo.common.CurrentUser;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Accepting an invite link (SPEC §9): anyone logged in who has one joins its list. */
@Path("/invites")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lists")
@APIResponse(responseCode = "401", description = "Not logged in")
public class InviteAcceptResource {

    private final Invites invites;
    private final SecurityIdentity identity;
    private final ClientAddress clientAddress;

    InviteAcceptResource(Invites invites, SecurityIdentity identity, ClientAddress clientAddress) {
        this.invites = invites;
        this.identity = identity;
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("{token}/accept")
    @Operation(
            summary = "Join a list with an invite link",
            description = "I join with the invite's role (member.added). Already in the list: nothing changes.")
    @APIResponse(responseCode = "200", description = "The list, as I now see it")
    @APIResponse(responseCode = "404", description = "No invite has that token")
    @APIResponse(responseCode = "409", description = "The list has as many members as a list may")
    @APIResponse(responseCode = "410", description = "The invite has expired, been used up or been revoked")
    @APIResponse(
            responseCode = "429",
            description = "Too many invite links tried from this address; Retry-After says when to try again")
    public Uni<ListView> accept(@PathParam("token") String token, @Context HttpServerRequest request) {
        return invites.accept(CurrentUser.of(identity), token, clientAddress.of(request));
    }
}
