package io.livetodo.web;

import static io.livetodo.web.PageForms.seeOther;

import io.livetodo.common.ApiException;
import io.livetodo.list.InviteInput;
import io.livetodo.list.Invites;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/** The owner's invite forms on a list's page: making a link, and revoking one. */
@Path("/app/lists/{list}/invites")
@Tag(name = "Web pages")
@Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
public class InviteForms {

    private final PageForms forms;
    private final Invites invites;
    private final ListPage page;

    InviteForms(PageForms forms, Invites invites, ListPage page) {
        this.forms = forms;
        this.invites = invites;
        this.page = page;
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Make an invite link from a list's page; the page shows it once")
    public Uni<Response> create(
            @RestPath long list,
            @RestForm String role,
            @RestForm("max_uses") String maxUses,
            @RestForm("expires_in_days") String days,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request,
            @Context UriInfo uri) {
        String base = uri.getBaseUri().toString();
        // The new link goes to the list's page in its address, the one way to show it after the
        // redirect: only its hash is kept. The page shows it while it is an open invite of the list.
        return forms.submit(
                request,
                csrf,
                user -> Uni.createFrom()
                        .item(() -> new InviteInput(
                                role, "P" + number("expires_in_days", days) + "D", number("max_uses", maxUses)))
                        .chain(input -> invites.create(user, list, input, token -> base + "invite/" + token)),
                created -> seeOther("/app/lists/" + list + "?invite=" + created.token() + "#invites"),
                (user, refusal) -> page.render(request, user, list, refusal));
    }

    @POST
    @Path("{invite}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke an invite link from a list's page")
    public Uni<Response> revoke(
            @RestPath long list,
            @RestPath long invite,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return forms.submit(
                request,
                csrf,
                user -> invites.revoke(user, list, invite),
                done -> seeOther("/app/lists/" + list),
                (user, refusal) -> page.render(request, user, list, refusal));
    }

    private static int number(String field, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (RuntimeException e) {
            throw ApiException.invalid(field, "is a whole number");
        }
    }
}
