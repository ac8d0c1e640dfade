package io.livetodo.live.endpoint;

import io.livetodo.common.CurrentUser;
import io.livetodo.common.HttpErrors;
import io.livetodo.common.JsonErrors;
import io.livetodo.live.LiveHub;
import io.livetodo.live.wire.Resumption;
import io.netty.channel.Channel;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code GET /live/events}: the live protocol as server-sent events, for clients where WebSockets
 * are blocked. The same {@link LiveHub} serves it, with the same messages, order, bounds and
 * quota as {@code /live}; only the way bytes reach the client differs ({@link EventStream}).
 * A browser that reconnects sends the last event's id as {@code Last-Event-ID}, which resumes
 * every list from there; {@code ?resume=} does the same for a client's first connection. A
 * stream is ended after at most the dead-after period, so that one whose client vanished or
 * stopped reading frees its place in the quota: a browser reconnects, and resumes, by itself.
 */
@ApplicationScoped
public class LiveEvents {

    static final String PATH = "/live/events";
    /** How long a browser waits before it reconnects a stream that ended. */
    private static final String RETRY = "retry: 1000\n\n";

    private final LiveHub hub;
    private final ConnectionQuota quota;

    LiveEvents(LiveHub hub, ConnectionQuota quota) {
        this.hub = hub;
        this.quota = quota;
    }

    void install(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    private void open(RoutingContext context) {
        HttpServerResponse response = context.response();
        SecurityIdentity identity = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        if (identity == null || identity.isAnonymous()) {
            JsonErrors.send(response, 401, HttpErrors.message(401));
            return;
        }
        Resumption from;
        try {
            String lastEventId = context.request().getHeader("Last-Event-ID");
            from = Resumption.of(
                    lastEventId != null ? lastEventId : context.request().getParam("resume"));
        } catch (IllegalArgumentException malformed) {
            JsonErrors.send(response, 400, malformed.getMessage());
            return;
        }
        // The stream's bytes are written to the HTTP/1.1 connection's socket, as a WebSocket's are.
        if (context.request().version() == HttpVersion.HTTP_2
                || !(context.request().connection() instanceof ConnectionBase connection)) {
            JsonErrors.send(response, 505, "Event streams are served over HTTP/1.1.");
            return;
        }
        CurrentUser user = CurrentUser.of(identity);
        Channel socket = connection.channel();
        if (!quota.take(user.id(), socket)) {
            JsonErrors.send(response, 429, ConnectionQuota.FULL);
            return;
        }
        response.setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                // Proxies such as nginx would otherwise hold events back to send them in bulk.
                .putHeader("X-Accel-Buffering", "no")
                .write(RETRY);
        hub.openStream(socket, user, LiveUpgrade.sessionEndsAtMillis(identity), from);
    }
}
