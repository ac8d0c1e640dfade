package io.livetodo.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A personal API token as its user sees it; the token itself only in the answer that made it. */
@RegisterForReflection
public record TokenView(
        long id,
        String name,
        String scope,
        @JsonInclude(JsonInclude.Include.NON_NULL) String token,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt) {

    static TokenView of(UserSession row, String token) {
        // A token's last_seen_at starts before its creation (ApiTokens): used once it is after it.
        Instant used = row.lastSeenAt.isAfter(row.createdAt) ? row.lastSeenAt : null;
        return new TokenView(row.id, row.name, row.scope, token, row.createdAt, row.expiresAt, used);
    }
}
