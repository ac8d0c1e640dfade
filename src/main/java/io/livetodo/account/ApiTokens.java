package io.livetodo.account;

import io.livetodo.change.ChangeLog;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Personal API tokens (SPEC §9): sessions with a scope and a name, made by a logged-in user for a
 * script or an automation. They authenticate as sessions do, through the same lookup and cache
 * ({@link SessionIdentityProvider}); revoking one deletes its row, which ends it, and its live
 * connections, on every instance as a log-out does. {@link TokenScopes} keeps a token to its scope
 * and away from account management.
 */
@ApplicationScoped
public class ApiTokens {

    /** The identity attribute a token's scope is carried in; absent for a log-in's session. */
    public static final String SCOPE = "livetodo.token_scope";

    /** Read as a query: a native mutation would leave Hibernate clean-up work it warns about. */
    private static final String REVOKE =
            "delete from user_session where id = :id and user_id = :user and scope is not null returning id";

    private final ChangeLog changes;
    private final SessionCache sessions;

    ApiTokens(ChangeLog changes, SessionCache sessions) {
        this.changes = changes;
        this.sessions = sessions;
    }

    public Uni<TokenView> create(CurrentUser user, TokenInput input) {
        String token = SessionTokens.newToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UserSession row = new UserSession();
        row.userId = user.id();
        row.tokenHash = SessionTokens.hash(token);
        row.createdAt = now;
        // Before its creation, so that its first use is written at once (SessionTouches writes a
        // session's use once per interval) and "last used" stays empty until then.
        row.lastSeenAt = now.minus(Duration.ofDays(1));
        row.expiresAt = now.plus(input.lifetime());
        row.name = input.name().strip();
        row.scope = input.scope();
        return changes.transaction(row::persist).replaceWith(() -> TokenView.of(row, token));
    }

    @WithSession
    public Uni<List<TokenView>> list(CurrentUser user) {
        return UserSession.findTokensOf(user.id())
                .map(rows -> rows.stream().map(row -> TokenView.of(row, null)).toList());
    }

    /** Revokes one of the user's tokens: refused from then on, everywhere. */
    public Uni<Void> revoke(CurrentUser user, long tokenId) {
        return changes.transaction(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(REVOKE, Long.class)
                                .setParameter("id", tokenId)
                                .setParameter("user", user.id())
                                .getResultList()))
                .invoke(deleted -> {
                    if (deleted.isEmpty()) {
                        throw ApiException.notFound("You have no such token.");
                    }
                    // Here at once: the announcement reaches this instance's cache a moment later.
                    sessions.sessionEnded(tokenId);
                })
                .replaceWithVoid();
    }
}
