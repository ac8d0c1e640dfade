package io.livetodo.account;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "user_session")
public class UserSession extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "user_id")
    public long userId;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "user_agent")
    public String userAgent;

    /** {@code read} or {@code write} for a personal API token; null for a log-in's session. */
    public String scope;

    /** A token's name, as its user gave it; null for a session. */
    public String name;

    public static Uni<List<UserSession>> findActiveByUser(long userId, Instant idleSince) {
        return list(
                "userId = ?1 and scope is null and expiresAt > ?2 and lastSeenAt > ?3 order by id",
                userId,
                Instant.now(),
                idleSince);
    }

    public static Uni<List<UserSession>> findTokensOf(long userId) {
        return list("userId = ?1 and scope is not null and expiresAt > ?2 order by id", userId, Instant.now());
    }
}
