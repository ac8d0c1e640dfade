package io.livetodo.account;

import io.livetodo.common.ClientAddress;
import io.livetodo.common.HttpErrors;
import io.livetodo.common.JsonErrors;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Set;

/** Reads the session token from {@code Authorization: [Bearer ]<token>} or the {@code session} cookie. */
@ApplicationScoped
public class SessionAuthMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";
    private static final String GUESSING = HttpErrors.TOKEN_GUESSING;

    private final ClientAddress clientAddress;
    private final TokenGuesses guesses;

    SessionAuthMechanism(ClientAddress clientAddress, TokenGuesses guesses) {
        this.clientAddress = clientAddress;
        this.guesses = guesses;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = token(context);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        // The address is worked out only when some address is held back, or a token missed.
        long wait = guesses.anyBlocked() ? guesses.waitSeconds(clientAddress.of(context.request())) : 0;
        if (wait > 0) {
            context.put(GUESSING, wait);
            return Uni.createFrom().failure(new AuthenticationFailedException("too many unknown tokens"));
        }
        return identityProviderManager
                .authenticate(HttpSecurityUtils.setRoutingContextAttribute(new SessionTokenRequest(token), context))
                .onFailure(AuthenticationFailedException.class)
                .call(() -> guesses.unknown(clientAddress.of(context.request())));
    }

    /**
     * A request that sends {@code Authorization} is judged by it alone, even when it is blank:
     * falling back to the cookie would let a page on another site, which can make a browser send
     * a header it chose (through the WebSocket sub-protocol), ride on the cookie.
     */
    private static String token(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            String value = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    ? header.substring(BEARER.length())
                    : header;
            return value.strip();
        }
        return SessionCookie.token(context.request());
    }

    /** 401, or 429 with Retry-After for an address whose tokens are not looked up for now ({@link TokenGuesses}). */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        Long wait = context.get(GUESSING);
        return Uni.createFrom()
                .item(
                        wait == null
                                ? new ChallengeData(401, null, null)
                                : new ChallengeData(429, "Retry-After", String.valueOf(wait)));
    }

    /** The challenge for routes guarded by HTTP permissions (the live upgrade), in the API's error format. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        Long wait = context.get(GUESSING);
        if (wait == null) {
            JsonErrors.send(context.response(), 401, HttpErrors.message(401));
        } else {
            context.response().putHeader("Retry-After", String.valueOf(wait));
            JsonErrors.send(context.response(), 429, HttpErrors.message(429));
        }
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionTokenRequest.class);
    }
}
