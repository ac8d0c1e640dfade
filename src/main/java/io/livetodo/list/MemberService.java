package io.livetodo.list;

import io.livetodo.account.User;
import io.livetodo.change.ChangeLog;
import io.livetodo.change.ChangeType;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.LivetodoConfig;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A list's members: who they are, sharing the list with someone, removing them or leaving. */
@ApplicationScoped
public class MemberService {

    private final ChangeLog changes;
    private final ListAccess access;
    private final MemberLeaving onLeaving;
    private final LivetodoConfig.Quota quota;

    MemberService(ChangeLog changes, ListAccess access, MemberLeaving onLeaving, LivetodoConfig config) {
        this.changes = changes;
        this.access = access;
        this.onLeaving = onLeaving;
        this.quota = config.quota();
    }

    @WithSession
    public Uni<List<MemberView>> members(CurrentUser user, long listId) {
        return access.requireMember(user, listId)
                .chain(() -> Panache.getSession()
                        .chain(session -> session.createSelectionQuery("""
                        select new io.livetodo.list.MemberService$MemberRow(u.username, m.role)
                          from Membership m join User u on u.id = m.userId
                         where m.listId = :list
                         order by case m.role when 'owner' then 0 when 'member' then 1 else 2 end, lower(u.username)
                        """, MemberRow.class)
                                .setParameter("list", listId)
                                .getResultList()))
                .map(rows -> rows.stream()
                        .map(row -> new MemberView(row.username(), Role.of(row.role())))
                        .toList());
    }

    @RegisterForReflection
    record MemberRow(String username, String role) {}

    /**
     * Adds a member with a role ({@code member} or {@code viewer}), or changes a member's role
     * ({@code member.updated}); giving someone the role they have changes nothing and is not an
     * error. A member made a viewer first has their todos of the list assigned to nobody.
     */
    public Uni<Void> addMember(CurrentUser user, long listId, String username, Role role) {
        return changes.transaction(() -> access.lockAsOwner(user, listId)
                .chain(() -> findUser(username))
                .chain(member -> Membership.findFor(listId, member.id).chain(existing -> {
                    if (existing == null) {
                        return failIfFull(listId)
                                .chain(() -> join(listId, member.id, member.username, role, user.username()))
                                .replaceWithVoid();
                    }
                    if (existing.role() == role) {
                        return Uni.createFrom().voidItem();
                    }
                    if (existing.role() == Role.OWNER) {
                        throw ApiException.conflict(
                                "The owner's role changes only when the list is passed on (POST /lists/{id}/owner).");
                    }
                    Uni<Void> before = role == Role.VIEWER
                            ? onLeaving.leaving(listId, member.username, user.username())
                            : Uni.createFrom().voidItem();
                    return before.invoke(() -> existing.role = role.wire())
                            .chain(() -> changes.record(
                                    listId,
                                    ChangeType.MEMBER_UPDATED,
                                    new MemberView(member.username, role),
                                    user.username()))
                            .replaceWithVoid();
                })));
    }

    /** Under the list's lock, so members cannot be added past the limit at once. */
    Uni<Void> failIfFull(long listId) {
        return Membership.count("listId", listId)
                .invoke(members -> {
                    if (members >= quota.membersPerList()) {
                        throw ApiException.conflict("This list has " + members + " members, the most a list may have.");
                    }
                })
                .replaceWithVoid();
    }

    /** Removes a member: the owner may remove anyone else, and any member may leave. */
    public Uni<Void> removeMember(CurrentUser user, long listId, String username) {
        return changes.transaction(() -> access.lockForMember(user, listId)
                .chain(caller -> findUser(username).chain(member -> {
                    boolean leaving = member.id == user.id();
                    if (!leaving && caller != Role.OWNER) {
                        return Uni.createFrom()
                                .failure(ApiException.forbidden("Only the owner of a list can remove other members."));
                    }
                    return Membership.findFor(listId, member.id)
                            .onItem()
                            .ifNull()
                            .failWith(() -> ApiException.notFound("That user is not a member of this list."))
                            .chain(membership -> {
                                if (membership.role() == Role.OWNER) {
                                    throw ApiException.conflict(
                                            "The owner cannot leave their own list; delete the list instead.");
                                }
                                return membership.delete();
                            })
                            .chain(() -> onLeaving.leaving(listId, member.username, user.username()))
                            .chain(() -> changes.record(
                                    listId,
                                    ChangeType.MEMBER_REMOVED,
                                    new MemberView(member.username, Role.MEMBER),
                                    user.username()));
                }))
                .replaceWithVoid());
    }

    /** Adds a member, recording the version of their {@code member.added}: they see nothing from before it. */
    Uni<Membership> join(long listId, long userId, String username, Role role, String by) {
        Membership membership = Membership.of(listId, userId, role);
        return membership
                .<Membership>persist()
                .call(() -> changes.recordJoin(listId, username, new MemberView(username, role), by)
                        .invoke(version -> membership.joinedVersion = version));
    }

    private static Uni<User> findUser(String username) {
        return User.findByUsername(username)
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.notFound("No user is called " + username + "."));
    }
}
