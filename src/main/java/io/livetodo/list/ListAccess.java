package io.livetodo.list;

import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may do what with a list: only its members may read or write it, and only its owner may
 * rename, delete or share it. Non-members learn nothing: every answer is 404. A writer's check is
 * its lock ({@code lock_as_member}, R__functions.sql), so a member removed meanwhile finds no
 * membership once the lock is theirs.
 */
@ApplicationScoped
public class ListAccess {

    /** See R__functions.sql for how it locks, and why in that order. */
    private static final String LOCK_AS_MEMBER = "select lock_as_member(:list, :user)";

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
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK_AS_MEMBER, String.class)
                        .setParameter("list", listId)
                        .setParameter("user", user.id())
                        .getSingleResultOrNull())
                .onItem()
                .ifNull()
                .failWith(ListAccess::listNotFound)
                .map(Role::of);
    }

    Uni<Role> lockAsOwner(CurrentUser user, long listId) {
        return lockForMember(user, listId).invoke(role -> {
            if (role != Role.OWNER) {
                throw ApiException.forbidden("Only the owner of a list can do that.");
            }
        });
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
        return ApiException.invalid("assignee", username + " is not a member of the list");
    }

    public static ApiException listNotFound() {
        return ApiException.notFound("List not found");
    }
}
