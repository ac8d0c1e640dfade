package io.livetodo.list;

import io.livetodo.account.Passwords;
import io.livetodo.account.SessionCache;
import io.livetodo.account.User;
import io.livetodo.change.ChangeLog;
import io.livetodo.change.ChangeType;
import io.livetodo.common.CurrentUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Deleting an account (SPEC §9), in one transaction, each step a change the lists' members see
 * live: the user leaves every list they are in ({@code member.removed}, their todos there
 * unassigned first); a list they own passes to its longest-standing other member
 * ({@code member.updated}; a personal list becomes an ordinary one) or, with nobody else in it,
 * is deleted ({@code list.deleted}); every session and API token ends, on every instance. Only
 * the username stays, reserved: todos and the change log name their authors by it.
 */
@ApplicationScoped
public class AccountDeletion {

    private static final String MEMBERSHIPS = "select list_id from membership where user_id = :user order by list_id";

    /** The member who joined the list first (by the version of their member.added), after its owner. */
    private static final String HEIR = """
            select m.user_id from membership m where m.list_id = :list and m.user_id <> :user
             order by m.joined_version, m.user_id limit 1
            """;

    private static final String END_SESSIONS = "delete from user_session where user_id = :user returning id";

    /** Read as a query: a native mutation would leave Hibernate clean-up work it warns about. */
    private static final String FORGET = """
            with keys as (delete from idempotency_key where user_id = :user returning 1),
                 places as (delete from live_stream_place where user_id = :user returning 1)
            select (select count(*) from keys) + (select count(*) from places)
            """;

    private final ChangeLog changes;
    private final ListAccess access;
    private final MemberService members;
    private final MemberLeaving onLeaving;
    private final Passwords passwords;
    private final SessionCache sessions;

    AccountDeletion(
            ChangeLog changes,
            ListAccess access,
            MemberService members,
            MemberLeaving onLeaving,
            Passwords passwords,
            SessionCache sessions) {
        this.changes = changes;
        this.access = access;
        this.members = members;
        this.onLeaving = onLeaving;
        this.passwords = passwords;
        this.sessions = sessions;
    }

    /** 403 for a wrong password, counted as a failed log-in. */
    public Uni<Void> delete(CurrentUser user, String password, String address) {
        // The place to hash is given back before the transaction: nothing in it hashes.
        return passwords
                .confirmed(
                        user,
                        password,
                        address,
                        "That is not your password.",
                        place -> Uni.createFrom().voidItem())
                .chain(() -> changes.transaction(() -> leaveEveryList(user)
                        .chain(() -> query(END_SESSIONS, user, Long.class))
                        .call(() -> query(FORGET, user, Long.class))
                        .call(() -> User.<User>findById(user.id()).invoke(found -> {
                            found.deletedAt = Instant.now();
                            found.passwordHash = "";
                            found.timeZone = "UTC";
                        }))))
                // Here at once: the announcements reach this instance's cache a moment later.
                .invoke(ended -> ended.forEach(sessions::sessionEnded))
                .replaceWithVoid();
    }

    private Uni<Void> leaveEveryList(CurrentUser user) {
        return query(MEMBERSHIPS, user, Long.class)
                .onItem()
                .transformToMulti(lists -> Multi.createFrom().iterable(lists))
                .onItem()
                .transformToUniAndConcatenate(list -> leave(user, list))
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Void> leave(CurrentUser user, long listId) {
        return access.lockForMember(user, listId)
                .chain(role -> role != Role.OWNER
                        ? members.removeMember(user, listId, user.username())
                        : Panache.getSession()
                                .chain(session -> session.createNativeQuery(HEIR, Long.class)
                                        .setParameter("list", listId)
                                        .setParameter("user", user.id())
                                        .getResultList())
                                .chain(heirs -> heirs.isEmpty()
                                        ? deleteList(user, listId)
                                        : passOn(user, listId, heirs.get(0))));
    }

    private Uni<Void> deleteList(CurrentUser user, long listId) {
        return changes.record(listId, ChangeType.LIST_DELETED, Map.of("id", listId), user.username())
                .chain(() -> TodoList.<TodoList>findById(listId))
                // The database deletes its todos and memberships with it.
                .call(TodoList::delete)
                .replaceWithVoid();
    }

    private Uni<Void> passOn(CurrentUser user, long listId, long heirId) {
        return User.<User>findById(heirId)
                .call(heir ->
                        Membership.findFor(listId, heirId).invoke(membership -> membership.role = Role.OWNER.wire()))
                .call(heir -> TodoList.<TodoList>findById(listId).invoke(list -> {
                    list.ownerId = heirId;
                    list.personal = false;
                }))
                .call(heir -> changes.record(
                        listId, ChangeType.MEMBER_UPDATED, new MemberView(heir.username, Role.OWNER), user.username()))
                .call(() -> onLeaving.leaving(listId, user.username(), user.username()))
                .call(() -> Membership.findFor(listId, user.id()).call(Membership::delete))
                .call(() -> changes.record(
                        listId,
                        ChangeType.MEMBER_REMOVED,
                        new MemberView(user.username(), Role.OWNER),
                        user.username()))
                .replaceWithVoid();
    }

    private static <T> Uni<List<T>> query(String sql, CurrentUser user, Class<T> type) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(sql, type)
                        .setParameter("user", user.id())
                        .getResultList());
    }
}
