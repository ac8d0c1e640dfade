package io.livetodo.web;

import io.livetodo.account.SessionCookie;
import io.livetodo.common.JsonErrors;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Set;

/**
 * Refuses requests that another site made a browser send with its cookies: state-changing
 * requests, live upgrades and event streams (which would use up the user's live connections)
 * that carry the session or visitor cookie but no token of their own.
 * Browsers say where a request comes from ({@code Sec-Fetch-Site}, or {@code Origin} in older
 * ones); clients that send a token in a header are not affected. Page forms carry a token as well
 * ({@link Csrf}): this guard is the second wall, and the only one for the JSON API.
 */
@ApplicationScoped
public class CrossSiteGuard {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final String TOKEN_SUBPROTOCOL = "quarkus-http-upgrade#Authorization#";
    private static final String REFUSED = "Requests from other sites may not use your livetodo session.";
    /** The live protocol's event streams ({@code LiveEvents}, a part above this one). */
    private static final String EVENT_STREAM = "/live/events";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (usesCookies(request)
                && (!SAFE.contains(request.method()) || isUpgrade(request) || isEventStream(request))
                && fromAnotherSite(request)) {
            JsonErrors.send(context.response(), 403, REFUSED);
        } else {
            context.next();
        }
    }

    /**
     * True unless the request names a token of its own; then the session mechanism uses that
     * token alone, right or wrong, and never the cookie.
     */
    private static boolean usesCookies(HttpServerRequest request) {
        if (request.getHeader(HttpHeaders.AUTHORIZATION) != null || offersTokenSubprotocol(request)) {
            return false;
        }
        return SessionCookie.token(request) != null || SessionCookie.value(request, Csrf.VISITOR_COOKIE) != null;
    }

    private static boolean offersTokenSubprotocol(HttpServerRequest request) {
        String protocols = request.getHeader("Sec-WebSocket-Protocol");
        if (protocols == null) {
            return false;
        }
        for (String protocol : protocols.split(",")) {
            String offered = protocol.strip();
            if (offered.startsWith(TOKEN_SUBPROTOCOL)
                    && !offered.substring(TOKEN_SUBPROTOCOL.length()).isBlank()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isEventStream(HttpServerRequest request) {
        return EVENT_STREAM.equals(request.path());
    }

    private static boolean isUpgrade(HttpServerRequest request) {
        return "websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE));
    }

    private static boolean fromAnotherSite(HttpServerRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return !site.equals("same-origin") && !site.equals("none");
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return false;
        }
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority == null || !authority.equalsIgnoreCase(request.getHeader(HttpHeaders.HOST));
        } catch (IllegalArgumentException e) {
            return true;
        }
    }
}
