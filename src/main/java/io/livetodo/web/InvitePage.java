package io.livetodo.web;

import static io.livetodo.web.PageForms.seeOther;

import io.livetodo.common.ApiException;
import io.livetodo.common.ClientAddress;
import io.livetodo.common.CurrentUser;
import io.livetodo.list.Invites;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
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

/**
 * An invite link's page: the list's name and a Join button; a visitor logs in or registers first
 * and comes back here.
 */
@Path("/")
@Tag(name = "Web pages")
public class InvitePage {

    private final PageForms forms;
    private final Invites invites;
    private final ClientAddress clientAddress;

    InvitePage(PageForms forms, Invites invites, ClientAddress clientAddress) {
        this.forms = forms;
        this.invites = invites;
        this.clientAddress = clientAddress;
    }

    @GET
    @Path("invite/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "An invite link's page")
    public Uni<Response> show(@RestPath String token, @Context HttpServerRequest request) {
        return forms.user(request)
                .chain(user -> invites.listName(token)
                        .map(name -> user == null
                                ? HomePage.welcome(
                                                request,
                                                Pages.Form.EMPTY,
                                                Pages.Form.EMPTY,
                                                200,
                                                "/invite/" + token,
                                                name)
                                        .build()
                                : page(request, user, token, name, null, 200))
                        .onFailure(ApiException.class)
                        .recoverWithItem(failure -> refused(request, user, token, (ApiException) failure)));
    }

    @POST
    @Path("app/invite/{token}/join")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    @Operation(summary = "Join a list with an invite link, from its page")
    public Uni<Response> join(
            @RestPath String token, @RestForm(Csrf.FIELD) String csrf, @Context HttpServerRequest request) {
        return forms.submit(
                request,
                csrf,
                user -> invites.accept(user, token, clientAddress.of(request)),
                list -> seeOther("/app/lists/" + list.id()),
                (user, refusal) -> Uni.createFrom().item(refused(request, user, token, refusal)));
    }

    private static Response refused(HttpServerRequest request, CurrentUser user, String token, ApiException refusal) {
        return page(request, user, token, null, PageForms.sentence(refusal), refusal.status());
    }

    private static Response page(
            HttpServerRequest request, CurrentUser user, String token, String listName, String error, int status) {
        String csrf = user == null ? null : Csrf.forSession(request);
        return Pages.html(
                        status,
                        Pages.invite(
                                new Pages.Invite(user == null ? null : user.username(), csrf, token, listName, error)))
                .build();
    }
}
