package io.livetodo.web;

import static io.livetodo.web.PageForms.seeOther;

import io.livetodo.account.AccountService;
import io.livetodo.account.Credentials;
import io.livetodo.account.LoginRequest;
import io.livetodo.account.LoginView;
import io.livetodo.account.SessionCookie;
import io.livetodo.common.ApiError;
import io.livetodo.common.ApiException;
import io.livetodo.common.ClientAddress;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.list.ListInput;
import io.livetodo.list.ListService;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;

/** The front page: log-in and registration for visitors, the user's lists once logged in. */
@Path("/")
@Tag(name = "Web pages")
public class HomePage {

    private final PageForms forms;
    private final AccountService accounts;
    private final ListService lists;
    private final ListsPage listsPage;
    private final long sessionMaxAge;
    private final ClientAddress clientAddress;

    HomePage(
            PageForms forms,
            AccountService accounts,
            ListService lists,
            ListsPage listsPage,
            LivetodoConfig config,
            ClientAddress clientAddress) {
        this.forms = forms;
        this.accounts = accounts;
        this.lists = lists;
        this.listsPage = listsPage;
        this.sessionMaxAge = config.session().maxLifetime().toSeconds();
        this.clientAddress = clientAddress;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The front page", description = "Log-in and registration forms, or the user's lists.")
    public Uni<Response> home(@Context HttpServerRequest request) {
        return forms.user(request)
                .chain(user -> user == null
                        ? Uni.createFrom()
                                .item(welcome(request, Pages.Form.EMPTY, Pages.Form.EMPTY, 200, null, null)
                                        .build())
                        : listsPage.render(request, user, null, "", 200));
    }

    @POST
    @Path("app/login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    @Operation(summary = "Log in from the front page")
    public Uni<Response> login(
            @RestForm String username,
            @RestForm String password,
            @RestForm String then,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        Uni<LoginView> login = forms.valid(new LoginRequest(username, password)).chain(valid -> logIn(valid, request));
        return forms.submitAsVisitor(
                request,
                csrf,
                login,
                session -> loggedIn(session, request, then),
                refusal -> Uni.createFrom().item(loginRefused(request, username, refusal, then)));
    }

    @POST
    @Path("app/register")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    @Operation(summary = "Register from the front page, and log in")
    public Uni<Response> register(
            @RestForm String username,
            @RestForm String password,
            @RestForm String then,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        Uni<LoginView> registered = forms.valid(new Credentials(username, password))
                .chain(valid -> accounts.registerAndLogIn(
                        valid, request.getHeader(HttpHeaders.USER_AGENT), clientAddress.of(request)));
        return forms.submitAsVisitor(
                request,
                csrf,
                registered,
                session -> loggedIn(session, request, then),
                refusal -> Uni.createFrom().item(registrationRefused(request, username, refusal, then)));
    }

    @POST
    @Path("app/logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    @Operation(summary = "Log out from a page")
    public Uni<Response> logout(@RestForm(Csrf.FIELD) String csrf, @Context HttpServerRequest request) {
        return forms.submit(
                request,
                csrf,
                accounts::logout,
                // The page script forgets the user's lists on this device itself; this also covers a
                // logout without the script, and other tabs.
                done -> seeOther("/").cookie(SessionCookie.cleared(request)).header("Clear-Site-Data", "\"storage\""),
                (user, refusal) -> listsPage.render(request, user, PageForms.sentence(refusal), "", refusal.status()));
    }

    @POST
    @Path("app/lists")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
    @Operation(summary = "Create a list from a page")
    public Uni<Response> createList(
            @RestForm String name, @RestForm(Csrf.FIELD) String csrf, @Context HttpServerRequest request) {
        return forms.submit(
                request,
                csrf,
                user -> forms.valid(new ListInput(name)).chain(input -> lists.create(user, input.name())),
                list -> seeOther("/app/lists/" + list.id()),
                (user, refusal) ->
                        listsPage.render(request, user, PageForms.sentence(refusal), name, refusal.status()));
    }

    private Uni<LoginView> logIn(LoginRequest login, HttpServerRequest request) {
        return accounts.login(login, request.getHeader(HttpHeaders.USER_AGENT), clientAddress.of(request));
    }

    /** Logged in, to the front page, or back to the invite page the visitor came from. */
    private Response.ResponseBuilder loggedIn(LoginView session, HttpServerRequest request, String then) {
        return seeOther(afterLogIn(then)).cookie(SessionCookie.of(session.sessionId(), sessionMaxAge, request));
    }

    /** Only an invite page is gone back to: a form cannot send a visitor anywhere else. */
    static String afterLogIn(String then) {
        return then != null && then.matches("/invite/[A-Za-z0-9_-]+") ? then : "/";
    }

    private Response loginRefused(HttpServerRequest request, String username, ApiException refusal, String then) {
        Pages.Form form = refusal.status() == 422
                ? fieldErrors(username, refusal)
                : new Pages.Form(username, refusal.getMessage(), null, null);
        return welcome(request, form, Pages.Form.EMPTY, refusal.status(), afterLogIn(then), null)
                .build();
    }

    private Response registrationRefused(
            HttpServerRequest request, String username, ApiException refusal, String then) {
        Pages.Form form = switch (refusal.status()) {
            case 409 -> new Pages.Form(username, null, "That username is taken.", null);
            case 422 -> fieldErrors(username, refusal);
            default -> new Pages.Form(username, refusal.getMessage(), null, null);
        };
        return welcome(request, Pages.Form.EMPTY, form, refusal.status(), afterLogIn(then), null)
                .build();
    }

    private static Pages.Form fieldErrors(String username, ApiException refusal) {
        String usernameError = null;
        String passwordError = null;
        for (ApiError.FieldError error : refusal.body().details()) {
            if (error.field().equals("username")) {
                usernameError = PageForms.sentence(error);
            } else {
                passwordError = PageForms.sentence(error);
            }
        }
        return new Pages.Form(username == null ? "" : username, null, usernameError, passwordError);
    }

    /** The visitor page, with the visitor cookie its forms' token is derived from. */
    /**
     * The log-in and registration forms; {@code then}, the page to go back to once logged in
     * ({@code /} for the front page), and {@code joining}, the list an invite is to, if any.
     */
    static Response.ResponseBuilder welcome(
            HttpServerRequest request, Pages.Form login, Pages.Form register, int status, String then, String joining) {
        String token = Csrf.forVisitor(request);
        NewCookie cookie = null;
        if (token == null) {
            String secret = Csrf.newVisitorSecret();
            cookie = Csrf.newVisitorCookie(secret, request);
            token = Csrf.token(secret);
        }
        Response.ResponseBuilder response =
                Pages.html(status, Pages.welcome(new Pages.Welcome(token, login, register, then, joining)));
        return cookie == null ? response : response.cookie(cookie);
    }
}
