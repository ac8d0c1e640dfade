package io.livetodo.web;

import static io.livetodo.web.PageForms.seeOther;

import io.livetodo.account.AccountService;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.list.InviteView;
import io.livetodo.list.Invites;
import io.livetodo.list.ListInput;
import io.livetodo.list.ListService;
import io.livetodo.list.ListView;
import io.livetodo.list.MemberInput;
import io.livetodo.list.MemberService;
import io.livetodo.list.Ownership;
import io.livetodo.list.Role;
import io.livetodo.list.WritesList;
import io.livetodo.todo.TodoService;
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
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** One list's page and the forms of the list itself: its name, its members; {@link TodoForms} has its todos'. */
@Path("/app/lists/{list}")
@Tag(name = "Web pages")
@Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
public class ListPage {

    /** More todos than this are not shown on the page (the API pages through them). */
    static final int SHOWN = 1000;

    private final PageForms forms;
    private final ListService lists;
    private final MemberService members;
    private final TodoService todos;
    private final ListsPage listsPage;
    private final AccountService accounts;
    private final Invites invites;
    private final Ownership ownership;

    ListPage(
            PageForms forms,
            ListService lists,
            MemberService members,
            TodoService todos,
            ListsPage listsPage,
            AccountService accounts,
            Invites invites,
            Ownership ownership) {
        this.ownership = ownership;
        this.forms = forms;
        this.accounts = accounts;
        this.invites = invites;
        this.lists = lists;
        this.members = members;
        this.todos = todos;
        this.listsPage = listsPage;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "A list's page")
    public Uni<Response> show(
            @RestPath long list, @RestQuery String invite, @Context HttpServerRequest request, @Context UriInfo uri) {
        return forms.user(request)
                .chain(user -> user == null
                        ? Uni.createFrom().item(seeOther("/").build())
                        : render(request, user, list, null, 200, newInvite(uri, invite)));
    }

    /** The link of an invite just made ({@code ?invite=<token>}, from {@link InviteForms}), or null. */
    private static String newInvite(UriInfo uri, String token) {
        return token == null || token.isBlank() ? null : uri.getBaseUri() + "invite/" + token;
    }

    @WritesList(list = "list")
    @POST
    @Path("rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Rename a list from its page")
    public Uni<Response> rename(
            @RestPath long list,
            @RestForm String name,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return submit(
                request,
                csrf,
                list,
                user -> forms.valid(new ListInput(name)).chain(input -> lists.rename(user, list, input.name())));
    }

    @WritesList(list = "list")
    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Delete a list from its page")
    public Uni<Response> delete(
            @RestPath long list, @RestForm(Csrf.FIELD) String csrf, @Context HttpServerRequest request) {
        return forms.submit(
                request,
                csrf,
                user -> lists.delete(user, list),
                done -> seeOther("/"),
                (user, refusal) -> render(request, user, list, refusal));
    }

    @WritesList(list = "list")
    @POST
    @Path("members")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Share a list with someone, by username, as a member or a viewer, from its page")
    public Uni<Response> share(
            @RestPath long list,
            @RestForm String username,
            @RestForm String role,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return submit(
                request,
                csrf,
                list,
                user -> username == null || username.isBlank()
                        ? Uni.createFrom().failure(ApiException.invalid("username", "is required"))
                        : Uni.createFrom()
                                .item(() -> MemberInput.roleOf(new MemberInput(role)))
                                .chain(asked -> members.addMember(user, list, username.strip(), asked)));
    }

    @WritesList(list = "list")
    @POST
    @Path("owner")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Pass a list on to one of its members, from its page")
    public Uni<Response> passOn(
            @RestPath long list,
            @RestForm String username,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return submit(request, csrf, list, user -> ownership.passOn(user, list, username == null ? "" : username));
    }

    @WritesList(list = "list")
    @POST
    @Path("members/{username}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Remove a member, or leave the list, from its page")
    public Uni<Response> removeMember(
            @RestPath long list,
            @RestPath String username,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return forms.submit(
                request,
                csrf,
                user -> members.removeMember(user, list, username).replaceWith(user),
                user -> seeOther(user.username().equalsIgnoreCase(username) ? "/" : "/app/lists/" + list),
                (user, refusal) -> render(request, user, list, refusal));
    }

    /** Does the form's action, then shows the list's page again: with what was wrong, if anything was. */
    <T> Uni<Response> submit(HttpServerRequest request, String csrf, long list, Function<CurrentUser, Uni<T>> action) {
        return forms.submit(
                request,
                csrf,
                action,
                done -> seeOther("/app/lists/" + list),
                (user, refusal) -> render(request, user, list, refusal));
    }

    Uni<Response> render(HttpServerRequest request, CurrentUser user, long list, ApiException refusal) {
        return render(request, user, list, PageForms.sentence(refusal), refusal.status(), null);
    }

    /**
     * The list as it is now; its version is read first, so the live connection replays anything
     * newer. {@code newInvite}: the link of an invite just made, shown to the owner while it is
     * open (its token is nowhere else).
     */
    private Uni<Response> render(
            HttpServerRequest request, CurrentUser user, long list, String error, int status, String newInvite) {
        return lists.get(user, list)
                .chain(view -> todos.page(user, list, 0, SHOWN)
                        .chain(shown -> members.members(user, list)
                                .chain(memberViews -> accounts.me(user)
                                        .chain(me -> invitesFor(user, view, newInvite)
                                                .map(open -> new Pages.OneList(
                                                        user.username(),
                                                        Csrf.forSession(request),
                                                        view,
                                                        shown.todos(),
                                                        shown.more(),
                                                        memberViews,
                                                        me.timeZone(),
                                                        open.invites(),
                                                        open.newLink(),
                                                        error,
                                                        Pages.OneList.filter(request.getParam("show"))))))))
                .map(page -> Pages.html(status, Pages.list(page)).build())
                .onFailure(ApiException.class)
                .recoverWithUni(gone -> ((ApiException) gone).status() == 404
                        ? listsPage.render(request, user, gone.getMessage(), "", 404)
                        : Uni.createFrom().failure(gone));
    }

    /** What the owner sees of a list's invites: the open ones, and the link just made while it is one of them. */
    record OpenInvites(List<InviteView> invites, String newLink) {}

    private Uni<OpenInvites> invitesFor(CurrentUser user, ListView list, String newInvite) {
        if (list.role() != Role.OWNER) {
            return Uni.createFrom().item(new OpenInvites(List.of(), null));
        }
        String token = newInvite == null ? null : newInvite.substring(newInvite.lastIndexOf('/') + 1);
        return invites.open(user, list.id())
                .chain(open -> token == null
                        ? Uni.createFrom().item(new OpenInvites(open, null))
                        : invites.isOpen(list.id(), token)
                                .map(isOpen -> new OpenInvites(open, isOpen ? newInvite : null)));
    }
}
