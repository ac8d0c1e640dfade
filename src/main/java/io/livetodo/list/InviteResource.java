package io.livetodo.list;

import io.livetodo.common.CurrentUser;
import io.livetodo.idempotency.Idempotent;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Invite links to a list (SPEC §9): made, listed and revoked by its owner; {@link InviteAcceptResource} takes them. */
@Path("/lists/{id}/invites")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lists")
@APIResponse(responseCode = "401", description = "Not logged in")
public class InviteResource {

    private final Invites invites;
    private final SecurityIdentity identity;

    InviteResource(Invites invites, SecurityIdentity identity) {
        this.invites = invites;
        this.identity = identity;
    }

    @Idempotent
    @POST
    @Operation(
            summary = "Make an invite link to a list (owner)",
            description = "Body, every field optional: role (member or viewer; member), expires_in (an ISO-8601"
                    + " duration up to P30D; P7D), max_uses (1 to 1000; 1). The token and url are in this answer"
                    + " only.")
    @APIResponse(responseCode = "201", description = "The invite, with its token and url")
    @APIResponse(responseCode = "403", description = "I am a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    @APIResponse(responseCode = "422", description = "role, expires_in or max_uses out of range")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(schema = @Schema(implementation = InviteInput.class)))
    public Uni<RestResponse<InviteView>> create(@PathParam("id") long id, String body, @Context UriInfo uri) {
        InviteInput input = InviteInput.read(body);
        String base = uri.getBaseUri().toString();
        return invites.create(user(), id, input, token -> base + "invite/" + token)
                .map(invite -> RestResponse.status(RestResponse.Status.CREATED, invite));
    }

    @GET
    @Operation(summary = "The open invite links to a list (owner), without their tokens")
    @APIResponse(responseCode = "200", description = "Invites neither expired, used up nor revoked, newest first")
    @APIResponse(responseCode = "403", description = "I am a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    public Uni<List<InviteView>> open(@PathParam("id") long id) {
        return invites.open(user(), id);
    }

    @Idempotent
    @DELETE
    @Path("{invite}")
    @Operation(summary = "Revoke an invite link (owner)")
    @APIResponse(responseCode = "204", description = "Revoked: nobody joins with it any more")
    @APIResponse(responseCode = "403", description = "I am a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such list or invite")
    public Uni<Void> revoke(@PathParam("id") long id, @PathParam("invite") long invite) {
        return invites.revoke(user(), id, invite);
    }

    private CurrentUser user() {
        return CurrentUser.of(identity);
    }
}
