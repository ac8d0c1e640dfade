package io.livetodo.account;

import io.livetodo.common.ApiException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.List;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Keeps a personal API token to what it was made for: a {@code read} token only reads (every
 * other method is 403), and no token manages the account: its tokens, password, sessions or
 * deletion need the user's log-in. One place for every route, so a new write cannot forget it.
 */
public class TokenScopes {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    /** The account's own keys: what only a log-in may see or change. */
    private static final List<String> MANAGEMENT =
            List.of("/user/tokens", "/user/password", "/user/sessions", "/user/delete");

    /**
     * Reads the identity the security check of an authenticated route has already resolved (the
     * routes that take a token are all authenticated), without waiting: a filter that waits on a
     * Uni suspends every request, which cost the hot reads several per cent.
     */
    @ServerRequestFilter
    public void check(ContainerRequestContext request, RoutingContext context) {
        if (context.user() instanceof QuarkusHttpUser user) {
            check(request, user.getSecurityIdentity());
        }
    }

    private static void check(ContainerRequestContext request, SecurityIdentity identity) {
        String scope = identity == null || identity.isAnonymous() ? null : identity.getAttribute(ApiTokens.SCOPE);
        if (scope == null) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if (MANAGEMENT.stream().anyMatch(path::startsWith)) {
            throw ApiException.forbidden("An API token cannot manage the account: log in to do that.");
        }
        if (scope.equals("read") && !READS.contains(request.getMethod())) {
            throw ApiException.forbidden("This API token may only read: make a write token for changes.");
        }
    }
}
