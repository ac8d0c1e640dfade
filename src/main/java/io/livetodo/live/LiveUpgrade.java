package io.livetodo.live;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetodo.account.CurrentUser;
import io.netty.channel.Channel;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.quarkus.websockets.next.UserData.TypedKey;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.WebServerRequest;

/**
 * Hands the {@code /live} connection its caller, and lets the upgrade request go.
 *
 * <p>The permission check on {@code /live} has authenticated the request before this runs, and
 * the endpoint's own {@code @Authenticated} check is given the identity before the checks start.
 * This check copies what the connection needs (the user and when the session ends) into the
 * connection's user data, with the connection's socket channel, which {@link LiveHub} writes
 * change frames to. It then takes the identity off the upgrade's routing context: with an
 * identity there, the WebSocket extension keeps that routing context, with the whole upgrade
 * request, its headers and the authentication pipeline, for as long as the connection lives,
 * and arms a timer per connection for the end of the session. {@link LiveHub} closes the
 * connection at the session's end instead.
 */
@ApplicationScoped
public class LiveUpgrade implements HttpUpgradeCheck {

    static final TypedKey<CurrentUser> USER = new TypedKey<>("livetodo.user");
    static final TypedKey<Long> SESSION_ENDS_AT = TypedKey.forLong("livetodo.session-ends-at");
    /** The connection's socket: the upgrade keeps the HTTP connection's channel. */
    static final TypedKey<Channel> CHANNEL = new TypedKey<>("livetodo.channel");
    /** Set by the identity provider, in epoch seconds. */
    private static final String EXPIRE_TIME = "quarkus.identity.expire-time";

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
            context.userData().put(USER, CurrentUser.of(identity));
            context.userData().put(SESSION_ENDS_AT, sessionEndsAtMillis(identity));
            // Vert.x's HTTP/1.1 connections all are ConnectionBase; the upgraded socket keeps its channel.
            if (!(context.httpRequest().connection() instanceof ConnectionBase connection)) {
                return CheckResult.rejectUpgradeSync(400);
            }
            context.userData().put(CHANNEL, connection.channel());
            if (context.httpRequest() instanceof WebServerRequest request) {
                RoutingContext routing = request.routingContext();
                routing.remove(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
                routing.clearUser();
            }
            return CheckResult.permitUpgradeSync();
        });
    }

    private static long sessionEndsAtMillis(SecurityIdentity identity) {
        Object seconds = identity.getAttribute(EXPIRE_TIME);
        return seconds instanceof Long s ? s * 1000 : Long.MAX_VALUE;
    }
}
