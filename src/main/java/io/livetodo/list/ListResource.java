package io.livetodo.list;

import io.livetodo.common.CurrentUser;
import io.livetodo.idempotency.Idempotent;
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
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** Lists are the unit of sharing. To anyone who is not a member, a list does not exist (404). */
@Path("/lists")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lists")
@APIResponse(responseCode = "401", description = "Not logged in")
public class ListResource {

    private final ListService lists;
    private final MemberService members;
    private final Ownership ownership;
    private final SecurityIdentity identity;

    ListResource(ListService lists, MemberService members, Ownership ownership, SecurityIdentity identity) {
        this.lists = lists;
        this.members = members;
        this.ownership = ownership;
        this.identity = identity;
    }

    @GET
    @Operation(summary = "The lists I belong to")
    @APIResponse(responseCode = "200", description = "My lists, with my role in each")
    public Uni<List<ListView>> all() {
        return lists.listsOf(user());
    }

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a list", description = "The caller becomes its owner.")
    @APIResponse(responseCode = "201", description = "The new list; Location is its URL")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(
            responseCode = "409",
            description = "I own as many lists as anyone may (livetodo.quota.lists-per-user)")
    @APIResponse(responseCode = "422", description = "name missing, empty or over 255 characters")
    public Uni<RestResponse<ListView>> create(@Valid @NotNull ListInput body) {
        return lists.create(user(), body.name())
                .map(list -> RestResponse.ResponseBuilder.<ListView>create(RestResponse.Status.CREATED)
                        .header("Location", "/lists/" + list.id())
                        .entity(list)
                        .build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One list")
    @APIResponse(responseCode = "200", description = "The list")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    public Uni<ListView> get(@PathParam("id") long id) {
        return lists.get(user(), id);
    }

    @WritesList(list = "id")
    @Idempotent
    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename a list (owner)")
    @APIResponse(responseCode = "200", description = "The renamed list")
    @APIResponse(responseCode = "403", description = "I am a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    @APIResponse(responseCode = "422", description = "name missing, empty or over 255 characters")
    public Uni<ListView> rename(@PathParam("id") long id, @Valid @NotNull ListInput body) {
        return lists.rename(user(), id, body.name());
    }

    @WritesList(list = "id")
    @Idempotent
    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a list and its todos (owner)")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "I am a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    @APIResponse(responseCode = "409", description = "It is the owner's personal list")
    public Uni<Void> delete(@PathParam("id") long id) {
        return lists.delete(user(), id);
    }

    @GET
    @Path("{id}/members")
    @Operation(summary = "Members of a list")
    @APIResponse(responseCode = "200", description = "The members, owner first")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    public Uni<List<MemberView>> members(@PathParam("id") long id) {
        return members.members(user(), id);
    }

    @WritesList(list = "id")
    @Idempotent
    @PUT
    @Path("{id}/members/{username}")
    @Operation(
            summary = "Share a list with a user, or change a member's role (owner)",
            description = "The body is optional: {\"role\": \"member\"} (the default: reads and edits) or"
                    + " {\"role\": \"viewer\"} (reads and follows the list, writes nothing). Giving a member the"
                    + " role they have changes nothing; changing it is a member.updated change, and a member made"
                    + " a viewer has their todos of the list assigned to nobody first.")
    @APIResponse(responseCode = "204", description = "The user is a member with that role")
    @APIResponse(responseCode = "403", description = "I am a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such list (or I am not a member), or no such user")
    @APIResponse(
            responseCode = "409",
            description = "The list has as many members as a list may (livetodo.quota.members-per-list), or the"
                    + " user is its owner")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "422", description = "role is neither member nor viewer")
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(schema = @Schema(implementation = MemberInput.class)))
    public Uni<Void> addMember(@PathParam("id") long id, @PathParam("username") String username, String body) {
        return members.addMember(user(), id, username, MemberInput.roleOf(MemberInput.read(body)));
    }

    @WritesList(list = "id")
    @Idempotent
    @POST
    @Path("{id}/owner")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Pass a list on to one of its members (owner)",
            description = "They become its owner and I a member: two member.updated changes.")
    @APIResponse(responseCode = "200", description = "The list, as I now see it")
    @APIResponse(responseCode = "403", description = "I am a member but not the owner")
    @APIResponse(responseCode = "404", description = "No such list, or I am not a member")
    @APIResponse(responseCode = "409", description = "It is my personal list, or they own as many lists as anyone may")
    @APIResponse(responseCode = "422", description = "username missing, or not a member of the list")
    public Uni<ListView> passOn(@PathParam("id") long id, @Valid @NotNull OwnerInput body) {
        return ownership.passOn(user(), id, body.username());
    }

    @WritesList(list = "id")
    @Idempotent
    @DELETE
    @Path("{id}/members/{username}")
    @Operation(summary = "Remove a member (owner) or leave a list (the member)")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "403", description = "Removing someone else without being the owner")
    @APIResponse(
            responseCode = "404",
            description = "No such list (or I am not a member), no such user, or not a member")
    @APIResponse(responseCode = "409", description = "The owner cannot leave their own list")
    public Uni<Void> removeMember(@PathParam("id") long id, @PathParam("username") String username) {
        return members.removeMember(user(), id, username);
    }

    private CurrentUser user() {
        return CurrentUser.of(identity);
    }
}
