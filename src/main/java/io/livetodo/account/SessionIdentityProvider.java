package io.livetodo.account;

import io.livetodo.common.CurrentUser;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.common.ReactivePool;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves a session token, or a personal API token (a session with a scope, {@link ApiTokens}),
 * to its user. Runs on every authenticated request: a session this
 * instance knows ({@link SessionCache}) needs no query; otherwise one indexed query on the raw
 * pool, no ORM session. {@code last_seen_at} is written in the background ({@link SessionTouches}).
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionTokenRequest> {

    private static final String FIND_SESSION = """
            select s.id, s.user_id, u.username, s.last_seen_at, s.expires_at, s.scope, l.id as personal_list_id
              from user_session s join app_user u on u.id = s.user_id
                   join todo_list l on l.owner_id = u.id and l.personal
             where s.token_hash = $1 and s.expires_at > now()
               and (s.scope is not null or s.last_seen_at > now() - make_interval(secs => $2))
            """;

    private final SqlClient reads;
    private final SessionCache cache;
    private final SessionTouches touches;
    private final double idleSeconds;

    SessionIdentityProvider(ReactivePool pools, SessionCache cache, SessionTouches touches, LivetodoConfig config) {
        this.reads = pools.pipelined();
        this.cache = cache;
        this.touches = touches;
        this.idleSeconds = config.session().idleTimeout().toMillis() / 1000.0;
    }

    @Override
    public Class<SessionTokenRequest> getRequestType() {
        return SessionTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionTokenRequest request, AuthenticationRequestContext context) {
        byte[] hash = SessionTokens.hash(request.token());
        SessionCache.Entry known = cache.find(hash);
        if (known != null) {
            touches.used(hash, known);
            return Uni.createFrom().item(identity(known));
        }
        long mark = cache.mark();
        return reads.preparedQuery(FIND_SESSION)
                .execute(Tuple.of(Buffer.buffer(hash), idleSeconds))
                .onItem()
                .transformToUni(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom()
                                .failure(new AuthenticationFailedException("unknown or expired session"));
                    }
                    SessionCache.Entry found = entry(rows.iterator().next());
                    cache.remember(hash, found, mark);
                    touches.used(hash, found);
                    return Uni.createFrom().item(identity(found));
                });
    }

    private static SessionCache.Entry entry(Row row) {
        return new SessionCache.Entry(
                row.getLong("id"),
                row.getLong("user_id"),
                row.getString("username"),
                row.getLong("personal_list_id"),
                row.getOffsetDateTime("expires_at").toInstant(),
                row.getOffsetDateTime("last_seen_at").toInstant(),
                row.getString("scope"));
    }

    private static SecurityIdentity identity(SessionCache.Entry session) {
        CurrentUser user =
                new CurrentUser(session.userId(), session.username(), session.sessionId(), session.personalListId());
        QuarkusSecurityIdentity.Builder identity = user.addTo(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(session.username()))
                .addRole("user"));
        if (session.scope() != null) {
            identity.addAttribute(ApiTokens.SCOPE, session.scope());
        }
        return identity
                // Quarkus closes a live connection (1008) when its session reaches its end of life.
                .addAttribute(
                        "quarkus.identity.expire-time", session.expiresAt().getEpochSecond())
                .build();
    }
}
