package io.livetodo.live.endpoint;

import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.live.InboundGuard;
import io.livetodo.live.LiveHub;
import io.netty.channel.Channel;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hands the {@code /live} connection its caller, and lets the upgrade request go.
 *
 * <p>The permission check on {@code /live} has authenticated the request before this runs, and
 * the endpoint's own {@code @Authenticated} check is given the identity before the checks start.
 * This check copies what the connection needs (the user and when the session ends) into the
 * connection's user data, with the connection's socket channel, which {@link LiveHub} writes
 * change frames to, and puts an {@link InboundGuard} in front of what the client sends; it
 * refuses a connection beyond the user's {@link ConnectionQuota} (429). It then takes the
 * identity off the upgrade's routing context: with an identity there, the WebSocket extension
 * keeps that routing context, with the whole upgrade request, its headers and the
 * authentication pipeline, for as long as the connection lives, and arms a timer per
 * connection for the end of the session. {@link LiveHub} closes the
 * connection at the session's end instead.
 */
@ApplicationScoped
public class LiveUpgrade implements HttpUpgradeCheck {

    static final TypedKey<CurrentUser> USER = new TypedKey<>("livetodo.user");
    static final TypedKey<Long> SESSION_ENDS_AT = TypedKey.forLong("livetodo.session-ends-at");
    /** The connection's socket: the upgrade keeps the HTTP connection's channel. */
    static final TypedKey<Channel> CHANNEL = new TypedKey<>("livetodo.channel");

    static final TypedKey<InboundGuard> GUARD = new TypedKey<>("livetodo.inbound-guard");
    /** Set by the identity provider, in epoch seconds. */
    private static final String EXPIRE_TIME = "quarkus.identity.expire-time";
    /** The name of Vert.x's handler in an HTTP/1.1 connection's pipeline, which the WebSocket frame decoder goes before. */
    private static final String VERTX_HANDLER = "handler";

    private final LiveHub hub;
    private final ConnectionQuota quota;
    private final LivetodoConfig.Live live;
    private final int maxMessageBytes;

    LiveUpgrade(
            LiveHub hub,
            ConnectionQuota quota,
            LivetodoConfig config,
            @ConfigProperty(name = "quarkus.websockets-next.server.max-message-size") int maxMessageBytes) {
        this.hub = hub;
        this.quota = quota;
        this.live = config.live();
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return LiveSocket.class.getName().equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        Uni<SecurityIdentity> identities = context.securityIdentity();
        if (identities == null) {
            return CheckResult.rejectUpgrade(401);
        }
        return identities.map(identity -> {
            if (identity == null || identity.isAnonymous()) {
                return CheckResult.rejectUpgradeSync(401);
            }
            // Vert.x's HTTP/1.1 connections all are ConnectionBase; the upgraded socket keeps its channel.
            if (!(context.httpRequest().connection() instanceof ConnectionBase connection)) {
                return CheckResult.rejectUpgradeSync(400);
            }
            CurrentUser user = CurrentUser.of(identity);
            Channel socket = connection.channel();
            if (!quota.take(user.id(), socket)) {
                // Failing the upgrade, rather than rejecting it, lets JsonErrors answer with a body.
                throw new ApiException(429, ConnectionQuota.FULL, List.of());
            }
            InboundGuard guard = hub.guard(live.maxMessagesPerSecond(), maxMessageBytes, live.maxUnsentFrames());
            socket.pipeline().addBefore(VERTX_HANDLER, "livetodo-inbound-guard", guard);
            context.userData().put(GUARD, guard);
            context.userData().put(USER, user);
            context.userData().put(SESSION_ENDS_AT, sessionEndsAtMillis(identity));
            context.userData().put(CHANNEL, socket);
            if (context.httpRequest() instanceof WebServerRequest request) {
                RoutingContext routing = request.routingContext();
                routing.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
                routing.clearUser();
            }
            return CheckResult.permitUpgradeSync();
        });
    }

    /** When the caller's session ends, as the identity provider gave it; for {@link LiveEvents} too. */
    static long sessionEndsAtMillis(SecurityIdentity identity) {
        Object seconds = identity.getAttribute(EXPIRE_TIME);
        return seconds instanceof Long s ? s * 1000 : Long.MAX_VALUE;
    }
}
