package io.livetodo.account;

import io.livetodo.common.HttpErrors;
import io.livetodo.common.JsonErrors;
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

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String token = token(context);
        if (token == null) {
            return Uni.createFrom().nullItem();
        }
        return identityProviderManager.authenticate(
                HttpSecurityUtils.setRoutingContextAttribute(new SessionTokenRequest(token), context));
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

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, null, null));
    }

    /** The 401 for routes guarded by HTTP permissions (the live upgrade), in the API's error format. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        JsonErrors.send(context.response(), 401, HttpErrors.message(401));
        return Uni.createFrom().item(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(SessionTokenRequest.class);
    }
}
