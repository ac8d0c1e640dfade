package io.livetodo.account;

import io.livetodo.common.ClientAddress;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.idempotency.Idempotent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Accounts and sessions")
public class AccountResource {

    private final AccountService accounts;
    private final SecurityIdentity identity;
    private final long cookieMaxAge;
    private final ClientAddress clientAddress;
    private final Passwords passwords;
    private final ApiTokens tokens;

    AccountResource(
            AccountService accounts,
            SecurityIdentity identity,
            LivetodoConfig config,
            ClientAddress clientAddress,
            Passwords passwords,
            ApiTokens tokens) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.tokens = tokens;
        this.identity = identity;
        this.cookieMaxAge = config.session().maxLifetime().toSeconds();
        this.clientAddress = clientAddress;
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register", description = "Creates an account with a personal list named Todos.")
    @APIResponse(responseCode = "201", description = "The new user")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "409", description = "The username is taken (ignoring case)")
    @APIResponse(responseCode = "422", description = "Username or password does not meet the rules")
    @APIResponse(
            responseCode = "429",
            description = "Too many registrations from this address; Retry-After says when to try again")
    @APIResponse(
            responseCode = "503",
            description = "Too many log-ins and registrations at once; Retry-After says when to try again")
    public Uni<RestResponse<UserView>> register(@Valid @NotNull Credentials body, @Context HttpServerRequest request) {
        return accounts.register(body, clientAddress.of(request))
                .map(user -> RestResponse.ResponseBuilder.<UserView>created(URI.create("/user"))
                        .entity(user)
                        .build());
    }

    @POST
    @Path("user")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Log in",
            description = "Starts a session; its token is returned and set as the session cookie.")
    @APIResponse(responseCode = "200", description = "The session token and when it expires")
    @APIResponse(responseCode = "400", description = "The body is not JSON")
    @APIResponse(responseCode = "401", description = "Wrong username or password")
    @APIResponse(responseCode = "422", description = "username or password missing")
    @APIResponse(
            responseCode = "429",
            description = "Too many failed log-ins for this username or address; Retry-After says when to try again")
    @APIResponse(
            responseCode = "503",
            description = "Too many log-ins and registrations at once; Retry-After says when to try again")
    public Uni<Response> login(@Valid @NotNull LoginRequest body, @Context HttpServerRequest request) {
        String userAgent = request.getHeader(HttpHeaders.USER_AGENT);
        return accounts.login(body, userAgent, clientAddress.of(request))
                .map(login -> Response.ok(login)
                        .cookie(SessionCookie.of(login.sessionId(), cookieMaxAge, request))
                        .build());
    }

    @Idempotent
    @DELETE
    @Path("user")
    @Authenticated
    @Operation(summary = "Log out", description = "Ends the session that makes this request.")
    @APIResponse(responseCode = "200", description = "Logged out")
    @APIResponse(responseCode = "401", description = "Unknown or expired session")
    public Uni<Response> logout(@Context HttpServerRequest request) {
        return accounts.logout(CurrentUser.of(identity))
                .map(ignored -> Response.ok(new Message("Logged out."))
                        .cookie(SessionCookie.cleared(request))
                        .build());
    }

    @RegisterForReflection
    public record Message(String message) {}

    @GET
    @Path("user")
    @Authenticated
    @Operation(summary = "Who am I")
    @APIResponse(responseCode = "200", description = "The logged-in user")
    @APIResponse(responseCode = "401", description = "Not logged in")
    public Uni<UserView> me() {
        return accounts.me(CurrentUser.of(identity));
    }

    @Idempotent
    @PATCH
    @Path("user")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change my settings",
            description = "time_zone: the IANA zone my days are in, for the views of what is due today.")
    @APIResponse(responseCode = "200", description = "The logged-in user, changed")
    @APIResponse(responseCode = "401", description = "Not logged in")
    @APIResponse(responseCode = "422", description = "time_zone missing or not an IANA time zone")
    public Uni<UserView> update(@Valid @NotNull UserPatch body) {
        return accounts.setTimeZone(CurrentUser.of(identity), body.timeZone());
    }

    @Idempotent
    @PUT
    @Path("user/password")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change my password",
            description = "Every other session of mine ends, on every instance, and its live connections close;"
                    + " this one stays.")
    @APIResponse(responseCode = "204", description = "Changed")
    @APIResponse(responseCode = "401", description = "Not logged in")
    @APIResponse(responseCode = "403", description = "current_password is wrong (counted as a failed log-in)")
    @APIResponse(responseCode = "422", description = "new_password not 8 to 128 characters")
    @APIResponse(
            responseCode = "429",
            description = "Too many failed log-ins for this username or address; Retry-After says when to try again")
    public Uni<Void> changePassword(@Valid @NotNull PasswordChange body, @Context HttpServerRequest request) {
        return passwords.change(CurrentUser.of(identity), body, clientAddress.of(request));
    }

    @POST
    @Path("user/tokens")
    @Authenticated
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Make a personal API token",
            description = "scope: read, or write (which reads too); expires_in: an ISO-8601 duration up to P365D"
                    + " (P90D). Send it as Authorization: Bearer <token> on the API, /live and /live/events. The"
                    + " token is in this answer only. Only a log-in's session may make one.")
    @APIResponse(responseCode = "201", description = "The token")
    @APIResponse(responseCode = "403", description = "Asked with an API token")
    @APIResponse(responseCode = "422", description = "name, scope or expires_in missing or out of range")
    public Uni<RestResponse<TokenView>> createToken(@Valid @NotNull TokenInput body) {
        return tokens.create(CurrentUser.of(identity), body)
                .map(token -> RestResponse.status(RestResponse.Status.CREATED, token));
    }

    @GET
    @Path("user/tokens")
    @Authenticated
    @Operation(summary = "My personal API tokens, without the tokens themselves")
    @APIResponse(responseCode = "200", description = "Tokens not expired, oldest first")
    @APIResponse(responseCode = "403", description = "Asked with an API token")
    public Uni<List<TokenView>> tokens() {
        return tokens.list(CurrentUser.of(identity));
    }

    @Idempotent
    @DELETE
    @Path("user/tokens/{id}")
    @Authenticated
    @Operation(summary = "Revoke a personal API token", description = "Refused on every instance within a second.")
    @APIResponse(responseCode = "204", description = "Revoked; its live connections close")
    @APIResponse(responseCode = "403", description = "Asked with an API token")
    @APIResponse(responseCode = "404", description = "No such token of mine")
    public Uni<Void> revokeToken(@PathParam("id") long id) {
        return tokens.revoke(CurrentUser.of(identity), id);
    }

    @GET
    @Path("user/sessions")
    @Authenticated
    @Operation(summary = "My active sessions")
    @APIResponse(responseCode = "200", description = "Active sessions; current marks the one making this request")
    @APIResponse(responseCode = "401", description = "Not logged in")
    public Uni<List<SessionView>> sessions() {
        return accounts.sessions(CurrentUser.of(identity));
    }

    @Idempotent
    @DELETE
    @Path("user/sessions/{id}")
    @Authenticated
    @Operation(summary = "Revoke one of my sessions")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "401", description = "Not logged in")
    @APIResponse(responseCode = "404", description = "No such session of mine")
    public Uni<Void> revoke(@PathParam("id") long id) {
        return accounts.revoke(CurrentUser.of(identity), id);
    }
}
