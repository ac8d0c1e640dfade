package io.livetodo.list;

import io.smallrye.mutiny.Uni;

/**
 * What else goes when a member leaves a list (removed, or leaving) or may no longer edit it (made
 * a viewer), in the same transaction and before their {@code member.removed} or
 * {@code member.updated}: the todos part, above lists, says what that is (the todos assigned to
 * them are assigned to nobody).
 */
public interface MemberLeaving {

    /** Called under the list's lock, by {@code by}; its changes come before the membership's. */
    Uni<Void> leaving(long listId, String username, String by);
}
