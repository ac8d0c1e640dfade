package io.livetodo.list;

import io.livetodo.account.LoginLimiter;
import io.livetodo.account.SessionTokens;
import io.livetodo.change.ChangeLog;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * Invite links (SPEC §9): the owner makes them, lists and revokes them; anyone logged in who has
 * one joins the list with its role. A use is counted by one conditional update under the list's
 * lock, so however many people accept at once, on however many instances, no more than
 * {@code max_uses} join; a failed accept is counted against the address as a failed log-in is.
 */
@ApplicationScoped
public class Invites {

    /** Counts a use of an open invite; no row when it is revoked, expired or used up. */
    private static final String USE = """
            update list_invite set uses = uses + 1
             where id = :id and revoked_at is null and expires_at > now() and uses < max_uses
            returning id
            """;

    private static final String LOCK_LIST = "select id from todo_list where id = :list for no key update";

    private final ChangeLog changes;
    private final ListAccess access;
    private final MemberService members;
    private final ListService lists;
    private final LoginLimiter limiter;

    Invites(ChangeLog changes, ListAccess access, MemberService members, ListService lists, LoginLimiter limiter) {
        this.changes = changes;
        this.access = access;
        this.members = members;
        this.lists = lists;
        this.limiter = limiter;
    }

    /** A new invite (owner); {@code url} makes the link from its token, which only this answer holds. */
    public Uni<InviteView> create(CurrentUser user, long listId, InviteInput input, Function<String, String> url) {
        String token = SessionTokens.newToken();
        return Uni.createFrom()
                .item(() -> newInvite(listId, token, input))
                .chain(invite -> changes.transaction(
                                () -> access.lockAsOwner(user, listId).chain(invite::persist))
                        .replaceWith(() -> invite.view(token, url.apply(token))));
    }

    /** The invites still open (owner). */
    @WithSession
    public Uni<List<InviteView>> open(CurrentUser user, long listId) {
        return access.requireOwner(user, listId)
                .chain(() -> ListInvite.openOf(listId))
                .map(invites ->
                        invites.stream().map(invite -> invite.view(null, null)).toList());
    }

    /** Revokes an invite (owner): nobody joins with it any more. */
    public Uni<Void> revoke(CurrentUser user, long listId, long inviteId) {
        return changes.transaction(() -> access.lockAsOwner(user, listId)
                .chain(() -> ListInvite.<ListInvite>findById(inviteId))
                .invoke(invite -> {
                    if (invite == null || invite.listId != listId) {
                        throw ApiException.notFound("This list has no such invite.");
                    }
                    if (invite.revokedAt == null) {
                        invite.revokedAt = Instant.now();
                    }
                })
                .replaceWithVoid());
    }

    /** Whether the token is that of an open invite to the list. */
    @WithSession
    public Uni<Boolean> isOpen(long listId, String token) {
        return ListInvite.findByHash(SessionTokens.hash(token))
                .map(invite -> invite != null && invite.listId == listId && isOpen(invite));
    }

    /** The list an invite is to, for its page; 404 and 410 as for accepting it. */
    @WithSession
    public Uni<String> listName(String token) {
        return ListInvite.findByHash(SessionTokens.hash(token))
                .onItem()
                .ifNull()
                .failWith(Invites::unknown)
                .chain(invite -> TodoList.<TodoList>findById(invite.listId).map(list -> {
                    if (!isOpen(invite)) {
                        throw closed();
                    }
                    return list.name;
                }));
    }

    /**
     * Joins the list an invite is to, with its role ({@code member.added}, by the one who joins).
     * Already in the list: nothing changes and no use is counted. 404 for an unknown token, 410
     * for one expired, used up or revoked.
     */
    public Uni<ListView> accept(CurrentUser user, String token, String address) {
        return limiter.countInviteAccept(address)
                .chain(() -> changes.transaction(() -> ListInvite.findByHash(SessionTokens.hash(token))
                        .onItem()
                        .ifNull()
                        .failWith(Invites::unknown)
                        .call(invite -> Panache.getSession()
                                .chain(session -> session.createNativeQuery(LOCK_LIST, Long.class)
                                        .setParameter("list", invite.listId)
                                        .getSingleResult()))
                        .call(invite -> Membership.findFor(invite.listId, user.id())
                                .chain(existing ->
                                        existing != null ? Uni.createFrom().voidItem() : join(user, invite)))))
                .call(() -> limiter.takeBackInviteAccept(address))
                .chain(invite -> lists.get(user, invite.listId));
    }

    private Uni<Void> join(CurrentUser user, ListInvite invite) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(USE, Long.class)
                        .setParameter("id", invite.id)
                        .getResultList())
                .chain(used -> {
                    if (used.isEmpty()) {
                        return Uni.createFrom().failure(closed());
                    }
                    return members.failIfFull(invite.listId)
                            .chain(() -> members.join(
                                    invite.listId, user.id(), user.username(), Role.of(invite.role), user.username()))
                            .replaceWithVoid();
                });
    }

    private static boolean isOpen(ListInvite invite) {
        return invite.revokedAt == null && invite.expiresAt.isAfter(Instant.now()) && invite.uses < invite.maxUses;
    }

    private static ListInvite newInvite(long listId, String token, InviteInput input) {
        ListInvite invite = new ListInvite();
        invite.listId = listId;
        invite.tokenHash = SessionTokens.hash(token);
        invite.role = input.asRole().wire();
        invite.expiresAt = Instant.now().truncatedTo(ChronoUnit.MICROS).plus(input.lifetime());
        invite.maxUses = input.uses();
        return invite;
    }

    private static ApiException unknown() {
        return ApiException.notFound("No invite has that link.");
    }

    private static ApiException closed() {
        return new ApiException(Status.GONE, "This invite link has expired, been used up or been revoked.");
    }
}
