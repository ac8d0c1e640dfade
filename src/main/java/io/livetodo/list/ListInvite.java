package io.livetodo.list;

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

/** An invite link to a list, as kept: the hash of its token, never the token. */
@Entity
@Table(name = "list_invite")
public class ListInvite extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "list_id")
    public long listId;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    /** {@code member} or {@code viewer}: the role the invite gives. */
    public String role;

    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "max_uses")
    public int maxUses;

    public int uses;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    static Uni<ListInvite> findByHash(byte[] tokenHash) {
        return find("tokenHash", tokenHash).firstResult();
    }

    /** The invites still open, newest first: neither revoked, expired nor used up. */
    static Uni<List<ListInvite>> openOf(long listId) {
        return find(
                        "listId = ?1 and revokedAt is null and expiresAt > ?2 and uses < maxUses order by id desc",
                        listId,
                        Instant.now())
                .list();
    }

    InviteView view(String token, String url) {
        return new InviteView(id, token, url, Role.of(role), expiresAt, maxUses, uses);
    }
}
