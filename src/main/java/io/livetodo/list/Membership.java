package io.livetodo.list;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;

@Entity
@Table(name = "membership")
@IdClass(Membership.Key.class)
public class Membership extends PanacheEntityBase {

    public record Key(long listId, long userId) implements Serializable {
        public Key() {
            this(0, 0);
        }
    }

    @Id
    @Column(name = "list_id")
    public long listId;

    @Id
    @Column(name = "user_id")
    public long userId;

    /** {@code owner}, {@code member} or {@code viewer}, as in the database check constraint. */
    public String role;

    /** The version of the change that (last) added the member. */
    @Column(name = "joined_version")
    public long joinedVersion;

    public static Membership of(long listId, long userId, Role role) {
        Membership membership = new Membership();
        membership.listId = listId;
        membership.userId = userId;
        membership.role = role.wire();
        return membership;
    }

    public static Uni<Membership> findFor(long listId, long userId) {
        return find("listId = ?1 and userId = ?2", listId, userId).firstResult();
    }

    public Role role() {
        return Role.of(role);
    }
}
