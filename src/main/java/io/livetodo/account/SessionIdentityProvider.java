package io.livetodo.account;

import java.time.Duration;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetodo.common.LivetodoConfig;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Resolves a session token to its user. Runs on every authenticated request, so it uses the raw
 * reactive pool (one indexed query, no ORM session) and writes {@code last_seen_at} only when it
 * is stale by more than a small fraction of the idle timeout.
 */
@ApplicationScoped
public class SessionIdentityProvider implements IdentityProvider<SessionTokenRequest> {

    private static final String FIND_SESSION = """
            select s.id, s.user_id, u.username, s.last_seen_at, s.expires_at, l.id as personal_list_id
              from user_session s join app_user u on u.id = s.user_id
                   join todo_list l on l.owner_id = u.id and l.personal
             where s.token_hash = $1 and s.expires_at > now() and s.last_seen_at > now() - make_interval(secs => $2)
            """;

    private final Pool pool;
    private final double idleSeconds;
    private final Duration touchInterval;

    SessionIdentityProvider(Pool pool, LivetodoConfig config) {
        this.pool = pool;
        Duration idle = config.session().idleTimeout();
        this.idleSeconds = idle.toMillis() / 1000.0;
        Duration tenth = idle.dividedBy(10);
        this.touchInterval = tenth.compareTo(Duration.ofMinutes(1)) < 0 ? tenth : Duration.ofMinutes(1);
    }

    @Override
    public Class<SessionTokenRequest> getRequestType() {
        return SessionTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionTokenRequest request, AuthenticationRequestContext context) {
        Buffer hash = Buffer.buffer(SessionTokens.hash(request.token()));
        return pool.preparedQuery(FIND_SESSION).execute(Tuple.of(hash, idleSeconds))
                .onItem().transformToUni(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().failure(new AuthenticationFailedException("unknown or expired session"));
                    }
                    Row row = rows.iterator().next();
                    long sessionId = row.getLong("id");
                    return touchIfStale(sessionId, row.getOffsetDateTime("last_seen_at"))
                            .replaceWith(identity(row, sessionId));
                });
    }

    private Uni<Void> touchIfStale(long sessionId, OffsetDateTime lastSeen) {
        if (lastSeen.plus(touchInterval).isAfter(OffsetDateTime.now())) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery("update user_session set last_seen_at = now() where id = $1")
                .execute(Tuple.of(sessionId)).replaceWithVoid();
    }

    private static SecurityIdentity identity(Row row, long sessionId) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(row.getString("username")))
                .addRole("user")
                .addAttribute(CurrentUser.USER_ID, row.getLong("user_id"))
                .addAttribute(CurrentUser.SESSION_ID, sessionId)
                .addAttribute(CurrentUser.PERSONAL_LIST_ID, row.getLong("personal_list_id"))
                // Quarkus closes a live connection (1008) when its session reaches its end of life.
                .addAttribute("quarkus.identity.expire-time", row.getOffsetDateTime("expires_at").toEpochSecond())
                .build();
    }
}
