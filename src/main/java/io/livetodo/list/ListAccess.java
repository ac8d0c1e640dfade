package io.livetodo.list;

import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may do what with a list: only its members may read it, only its owner and members (not its
 * viewers) may change its todos, and only its owner may rename, delete or share it. Non-members
 * learn nothing: every answer is 404; a viewer's write is 403. A writer's check is its lock
 * ({@code lock_to_write}, R__functions.sql), so a member removed or made a viewer meanwhile is
 * refused once the lock is theirs.
 */
@ApplicationScoped
public class ListAccess {

    /** See R__functions.sql for how they lock, and why in that order. */
    private static final String LOCK_AS_MEMBER = "select lock_as_member(:list, :user)";

    private static final String LOCK_TO_WRITE = "select lock_to_write(:list, :user)";

    /** What lock_to_write and lock_to_add answer for a viewer. */
    public static final String READ_ONLY = "read-only";

    /** Fails with 404 unless the user belongs to the list. */
    Uni<Membership> requireMember(CurrentUser user, long listId) {
        return Membership.findFor(listId, user.id()).onItem().ifNull().failWith(ListAccess::listNotFound);
    }

    /**
     * Locks the list's row for the rest of the transaction, as {@code ChangeLog} requires of a
     * writer, and emits the caller's role in it. The lock is only taken for a member, so
     * nobody else can hold up a list's writers.
     */
    public Uni<Role> lockForMember(CurrentUser user, long listId) {
        return lock(LOCK_AS_MEMBER, user, listId);
    }

    /**
     * As {@link #lockForMember}, for a write to the list's todos: 403 for a viewer, with the list
     * locked as for any write.
     */
    public Uni<Role> lockToWrite(CurrentUser user, long listId) {
        return lock(LOCK_TO_WRITE, user, listId);
    }

    private static Uni<Role> lock(String statement, CurrentUser user, long listId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(statement, String.class)
                        .setParameter("list", listId)
                        .setParameter("user", user.id())
                        .getSingleResultOrNull())
                .onItem()
                .ifNull()
                .failWith(ListAccess::listNotFound)
                .map(verdict -> {
                    if (READ_ONLY.equals(verdict)) {
                        throw readOnly();
                    }
                    return Role.of(verdict);
                });
    }

    Uni<Role> lockAsOwner(CurrentUser user, long listId) {
        return lockForMember(user, listId).invoke(role -> {
            if (role != Role.OWNER) {
                throw notOwner();
            }
        });
    }

    /** Fails with 404 unless the user belongs to the list, 403 unless they own it: for a read only the owner may make. */
    Uni<Membership> requireOwner(CurrentUser user, long listId) {
        return requireMember(user, listId).invoke(membership -> {
            if (membership.role() != Role.OWNER) {
                throw notOwner();
            }
        });
    }

    private static ApiException notOwner() {
        return ApiException.forbidden("Only the owner of a list can do that.");
    }

    /**
     * The member of the list with that username, to whom its todos may be assigned; 422 for
     * anyone else. For a writer holding the list's lock ({@code assignable}, R__functions.sql).
     */
    public Uni<String> assignable(long listId, String username) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select assignable(:list, :who)", String.class)
                        .setParameter("list", listId)
                        .setParameter("who", username)
                        .getSingleResultOrNull())
                .invoke(member -> {
                    if (member == null) {
                        throw notAssignable(username);
                    }
                });
    }

    public static ApiException notAssignable(String username) {
        return ApiException.invalid("assignee", username + " is not a member of the list who may edit it");
    }

    public static ApiException readOnly() {
        return ApiException.forbidden("You can view this list but not change it: ask its owner to make you a member.");
    }

    public static ApiException listNotFound() {
        return ApiException.notFound("List not found");
    }
}
