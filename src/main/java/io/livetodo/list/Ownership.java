package io.livetodo.list;

import io.livetodo.account.User;
import io.livetodo.change.ChangeLog;
import io.livetodo.change.ChangeType;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Passing a list on: its owner makes one of its members the owner, and becomes a member. */
@ApplicationScoped
public class Ownership {

    private final ChangeLog changes;
    private final ListAccess access;
    private final ListService lists;

    Ownership(ChangeLog changes, ListAccess access, ListService lists) {
        this.changes = changes;
        this.access = access;
        this.lists = lists;
    }

    /**
     * Makes {@code username}, a member or viewer of the list, its owner, if they may own one more
     * list; the owner becomes a member. Two {@code member.updated}, the new owner's first. A
     * personal list stays its owner's (409). Answers the list as the caller now sees it.
     */
    public Uni<ListView> passOn(CurrentUser user, long listId, String username) {
        return changes.transaction(() -> access.lockAsOwner(user, listId)
                        .chain(() -> TodoList.<TodoList>findById(listId))
                        .chain(list -> {
                            if (list.personal) {
                                throw ApiException.conflict(
                                        "A personal list stays its owner's: it cannot be passed on.");
                            }
                            return username.equals(user.username())
                                    ? Uni.createFrom().voidItem()
                                    : passOn(user, list, username);
                        }))
                .chain(() -> lists.get(user, listId));
    }

    private Uni<Void> passOn(CurrentUser user, TodoList list, String username) {
        return User.findByUsername(username)
                .chain(target -> target == null
                        ? Uni.createFrom().nullItem()
                        : Membership.findFor(list.id, target.id).map(membership -> membership == null ? null : target))
                .onItem()
                .ifNull()
                .failWith(() -> ApiException.invalid("username", username + " is not a member of the list"))
                .call(target -> lists.failIfOwningTooMany(target.id, target.username + " owns"))
                .chain(target -> Membership.findFor(list.id, target.id)
                        .invoke(membership -> membership.role = Role.OWNER.wire())
                        .chain(() -> Membership.findFor(list.id, user.id()))
                        .invoke(membership -> {
                            membership.role = Role.MEMBER.wire();
                            list.ownerId = target.id;
                        })
                        .chain(() -> changes.record(
                                list.id,
                                ChangeType.MEMBER_UPDATED,
                                new MemberView(target.username, Role.OWNER),
                                user.username()))
                        .chain(() -> changes.record(
                                list.id,
                                ChangeType.MEMBER_UPDATED,
                                new MemberView(user.username(), Role.MEMBER),
                                user.username())))
                .replaceWithVoid();
    }
}
