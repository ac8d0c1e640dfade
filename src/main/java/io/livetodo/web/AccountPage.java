package io.livetodo.web;

import static io.livetodo.web.PageForms.seeOther;

import io.livetodo.account.AccountService;
import io.livetodo.account.ApiTokens;
import io.livetodo.account.PasswordChange;
import io.livetodo.account.Passwords;
import io.livetodo.account.SessionCookie;
import io.livetodo.account.TokenInput;
import io.livetodo.common.ApiException;
import io.livetodo.common.ClientAddress;
import io.livetodo.common.CurrentUser;
import io.livetodo.list.AccountDeletion;
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
import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The Account page: time zone, sessions, password, API tokens, and deleting the account. A new
 * token is shown once, on the page the form's redirect leads to, from a cookie that lives a
 * minute and is read once: the service keeps only its hash, and it is kept out of the address.
 */
@Path("/app/account")
@Tag(name = "Web pages")
@Produces({MediaType.TEXT_HTML, MediaType.APPLICATION_JSON})
public class AccountPage {

    private static final String NEW_TOKEN = "new_token";
    static final List<String> ZONES =
            ZoneId.getAvailableZoneIds().stream().sorted().toList();

    private final PageForms forms;
    private final AccountService accounts;
    private final Passwords passwords;
    private final ApiTokens tokens;
    private final AccountDeletion deletion;
    private final ClientAddress clientAddress;

    AccountPage(
            PageForms forms,
            AccountService accounts,
            Passwords passwords,
            ApiTokens tokens,
            AccountDeletion deletion,
            ClientAddress clientAddress) {
        this.forms = forms;
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.deletion = deletion;
        this.clientAddress = clientAddress;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The Account page")
    public Uni<Response> show(@Context HttpServerRequest request) {
        String newToken = SessionCookie.value(request, NEW_TOKEN);
        return forms.user(request)
                .chain(user -> user == null
                        ? Uni.createFrom().item(seeOther("/").build())
                        : render(request, user, newToken, null, 200)
                                .map(page -> newToken == null
                                        ? page
                                        : Response.fromResponse(page)
                                                .cookie(SessionCookie.httpOnly(NEW_TOKEN, "", 0, request))
                                                .build()));
    }

    @POST
    @Path("time-zone")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Set my time zone from the Account page")
    public Uni<Response> timeZone(
            @RestForm("time_zone") String zone, @RestForm(Csrf.FIELD) String csrf, @Context HttpServerRequest request) {
        return submit(request, csrf, user -> accounts.setTimeZone(user, zone == null ? "" : zone));
    }

    @POST
    @Path("password")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change my password from the Account page")
    public Uni<Response> password(
            @RestForm("current_password") String current,
            @RestForm("new_password") String next,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return submit(
                request,
                csrf,
                user -> forms.valid(new PasswordChange(current, next))
                        .chain(change -> passwords.change(user, change, clientAddress.of(request))));
    }

    @POST
    @Path("sessions/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "End one of my sessions from the Account page")
    public Uni<Response> endSession(
            @RestPath long id, @RestForm(Csrf.FIELD) String csrf, @Context HttpServerRequest request) {
        return submit(request, csrf, user -> accounts.revoke(user, id));
    }

    @POST
    @Path("tokens")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Make an API token from the Account page; the page shows it once")
    public Uni<Response> newToken(
            @RestForm String name,
            @RestForm String scope,
            @RestForm("expires_in_days") String days,
            @RestForm(Csrf.FIELD) String csrf,
            @Context HttpServerRequest request) {
        return forms.submit(
                request,
                csrf,
                user -> forms.valid(new TokenInput(
                                name, scope, days == null || days.isBlank() ? null : "P" + days.strip() + "D"))
                        .chain(input -> tokens.create(user, input)),
                made -> seeOther("/app/account").cookie(SessionCookie.httpOnly(NEW_TOKEN, made.token(), 60, request)),
                (user, refusal) -> render(request, user, null, refusal));
    }

    @POST
    @Path("tokens/{id}/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Revoke an API token from the Account page")
    public Uni<Response> revokeToken(
            @RestPath long id, @RestForm(Csrf.FIELD) String csrf, @Context HttpServerRequest request) {
        return submit(request, csrf, user -> tokens.revoke(user, id));
    }

    @POST
    @Path("delete")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Delete my account from the Account page")
    public Uni<Response> delete(
            @RestForm String password, @RestForm(Csrf.FIELD) String csrf, @Context HttpServerRequest request) {
        return forms.submit(
                request,
                csrf,
                user -> deletion.delete(user, password == null ? "" : password, clientAddress.of(request)),
                done -> seeOther("/").cookie(SessionCookie.cleared(request)).header("Clear-Site-Data", "\"storage\""),
                (user, refusal) -> render(request, user, null, refusal));
    }

    /** Does the form's action, then shows the page again: with what was wrong, if anything was. */
    private <T> Uni<Response> submit(HttpServerRequest request, String csrf, Function<CurrentUser, Uni<T>> action) {
        return forms.submit(
                request,
                csrf,
                action,
                done -> seeOther("/app/account"),
                (user, refusal) -> render(request, user, null, refusal));
    }

    private Uni<Response> render(HttpServerRequest request, CurrentUser user, String newToken, ApiException refusal) {
        return render(request, user, newToken, PageForms.sentence(refusal), refusal.status());
    }

    private Uni<Response> render(
            HttpServerRequest request, CurrentUser user, String newToken, String error, int status) {
        return accounts.me(user)
                .chain(me -> accounts.sessions(user)
                        .chain(sessions -> tokens.list(user)
                                .map(made -> Pages.html(
                                                status,
                                                Pages.account(new Pages.Account(
                                                        user.username(),
                                                        Csrf.forSession(request),
                                                        me.timeZone(),
                                                        ZONES,
                                                        sessions,
                                                        made,
                                                        newToken,
                                                        error)))
                                        .build())));
    }
}
