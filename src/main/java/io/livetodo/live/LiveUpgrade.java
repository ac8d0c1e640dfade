package io.livetodo.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;

/**
 * Keeps the {@code /live} upgrade request light for as long as its connection lives.
 *
 * <p>The WebSocket extension keeps each connection's upgrade routing context until the connection
 * closes. Once the permission check has authenticated the request, that context still holds the
 * lazy authentication pipeline (the deferred identity: a chain of Mutiny operators, each with its
 * captured context-propagation state), although the identity is known by then. This handler,
 * which runs after the security filters and before the endpoint, replaces that pipeline with the
 * identity it produced.
 */
@ApplicationScoped
public class LiveUpgrade {

    /** After authentication (order -200) and authorization (-100), before the routes (0 and up). */
    static final int ORDER = -50;

    void install(@Observes Router router) {
        router.route(LiveSocket.PATH).order(ORDER).handler(context -> {
            if (context.user() instanceof QuarkusHttpUser user) {
                QuarkusHttpUser.setIdentity(user.getSecurityIdentity(), context);
            }
            context.next();
        });
    }
}
