package io.livetodo.live;

import io.livetodo.live.wire.LiveMessage;
import io.smallrye.mutiny.Uni;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the {@link Hub} reads of the change log, memberships and sessions. {@link ChangeReader}
 * reads them from PostgreSQL; the delivery simulation scripts them, answering in whatever order
 * its seed says.
 */
interface ChangeSource {

    /**
     * Changes after a version, and the list's current version (null once the list is deleted); for
     * a connection's own read ({@link #missed}), its user's {@code member.added} as of the same
     * moment (null when they are not a member), else null.
     */
    record Batch(List<Change> changes, Long current, Long joined) {

        /** Whether the changes follow on from {@code after} with none missing: see {@link ChangeReader#continues}. */
        boolean continues(long after) {
            return ChangeReader.continues(
                    after, changes.isEmpty() ? null : changes.get(0).version(), current);
        }

        /** The newest version this batch knows of. */
        long newest() {
            return current != null ? current : changes.get(changes.size() - 1).version();
        }
    }

    /** A list the user belongs to: its current version, and the version at which they were (last) added. */
    record MemberOf(long listId, long version, long joined) {}

    /** What a connection needs to open: whether its session still exists, and the user's lists in id order. */
    record Opening(boolean sessionActive, List<MemberOf> lists) {

        /** The connection's first message: who it is, and each of their lists' version. */
        LiveMessage.Hello hello(String user) {
            return new LiveMessage.Hello(
                    user,
                    lists.stream()
                            .map(list -> new LiveMessage.ListVersion(list.listId(), list.version()))
                            .toList());
        }
    }

    /** Up to {@code limit} changes of the list after {@code version}, in order. */
    Uni<Batch> after(long listId, long version, int limit);

    /** As {@link #after}, for one connection that missed them: with its user's membership, read at the same moment. */
    Uni<Batch> missed(long listId, long userId, long version, int limit);

    /**
     * Read when a connection opens, after it has been registered: a session ended before this
     * read is seen here, and one ended after it is announced to the registered connection.
     */
    Uni<Opening> opening(long userId, long sessionId);

    /** The lists each of the users belongs to, in id order. */
    Uni<Map<Long, List<MemberOf>>> memberships(Collection<Long> userIds);

    /** The version of the user's {@code member.added} in the list, or null when they are not a member. */
    Uni<Long> joined(long listId, long userId);

    /** Those of the sessions that still exist and have not reached their end of life. */
    Uni<Set<Long>> activeSessions(Collection<Long> sessionIds);
}
