package io.livetodo.live;

import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The changes of each followed list read lately, by version, for {@link LiveHub} and confined to
 * its context. A change is kept until every follower here has had it, and at most {@code most}
 * of a list; a follower further behind reads the change log. The newest stays, to mark where
 * the next read of the list starts.
 */
final class RecentChanges {

    private final int most;
    private final Map<Long, NavigableMap<Long, Change>> byList = new HashMap<>();

    RecentChanges(int most) {
        this.most = most;
    }

    void keep(Change change) {
        NavigableMap<Long, Change> changes = byList.computeIfAbsent(change.listId(), k -> new TreeMap<>());
        changes.put(change.version(), change);
        while (changes.size() > most) {
            changes.pollFirstEntry();
        }
    }

    /** The change of that version, if it is kept. */
    Change get(long listId, long version) {
        NavigableMap<Long, Change> changes = byList.get(listId);
        return changes == null ? null : changes.get(version);
    }

    /** The newest version kept of the list; 0 when none is. */
    long newest(long listId) {
        NavigableMap<Long, Change> changes = byList.get(listId);
        return changes == null || changes.isEmpty() ? 0 : changes.lastKey();
    }

    /** Forgets what every follower has had: the versions up to {@code oldestPosition}, all but the newest. */
    void delivered(long listId, long oldestPosition) {
        NavigableMap<Long, Change> changes = byList.get(listId);
        if (changes != null && !changes.isEmpty()) {
            changes.headMap(Math.min(oldestPosition, changes.lastKey()), false).clear();
        }
    }

    /** Forgets the list, which nobody here follows any more. */
    void forget(long listId) {
        byList.remove(listId);
    }
}
