package io.livetodo.list;

import io.livetodo.common.ClientAddress;
import io.livetodo.common.CurrentUser;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Deleting my account: here, above the lists it leaves, rather than beside the other account routes. */
@Path("/user/delete")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts and sessions")
public class AccountDeletionResource {

    /** The password that allows it. */
    public record Confirmation(
            @NotNull(message = "is required") String password) {}

    private final AccountDeletion deletion;
    private final SecurityIdentity identity;
    private final ClientAddress clientAddress;

    AccountDeletionResource(AccountDeletion deletion, SecurityIdentity identity, ClientAddress clientAddress) {
        this.deletion = deletion;
        this.identity = identity;
        this.clientAddress = clientAddress;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Delete my account",
            description = "I leave every list (member.removed); a list I own passes to its longest-standing other"
                    + " member (member.updated) or, with nobody else in it, is deleted (list.deleted); every session"
                    + " and API token of mine ends on every instance. The username stays reserved.")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "401", description = "Not logged in")
    @APIResponse(
            responseCode = "403",
            description = "Wrong password (counted as a failed log-in), or asked with an API token")
    @APIResponse(responseCode = "422", description = "password missing")
    public Uni<Void> delete(@Valid @NotNull Confirmation body, @Context HttpServerRequest request) {
        return deletion.delete(CurrentUser.of(identity), body.password(), clientAddress.of(request));
    }
}
