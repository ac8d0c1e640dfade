package io.livetodo.live;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

/**
 * This instance's open live connections, found by connection, by the lists they follow, by user
 * and by session; for {@link LiveHub} and confined to its context, but for the count, which the
 * metrics read from anywhere.
 */
final class Followers {

    private final Map<String, Follower> byConnection = new HashMap<>();
    private final Map<Long, Set<Follower>> byList = new HashMap<>();
    private final Map<String, Set<Follower>> byUsername = new HashMap<>();
    private final Map<Long, Set<Follower>> bySession = new HashMap<>();
    private final AtomicInteger count = new AtomicInteger();

    void add(Follower follower) {
        byConnection.put(follower.id(), follower);
        byUsername
                .computeIfAbsent(follower.user.username(), k -> new HashSet<>())
                .add(follower);
        bySession
                .computeIfAbsent(follower.user.sessionId(), k -> new HashSet<>())
                .add(follower);
        count.incrementAndGet();
    }

    /**
     * Takes the connection out of every index; false when it was not in them. The lists it leaves
     * without a follower are given to {@code unfollowed}.
     */
    boolean remove(Follower follower, LongConsumer unfollowed) {
        if (byConnection.remove(follower.id()) == null) {
            return false;
        }
        count.decrementAndGet();
        removeFrom(byUsername, follower.user.username(), follower);
        removeFrom(bySession, follower.user.sessionId(), follower);
        for (long listId : List.copyOf(follower.followed())) {
            if (unfollow(follower, listId, follower.position(listId).sent)) {
                unfollowed.accept(listId);
            }
        }
        return true;
    }

    void follow(Follower follower, long listId, Position position) {
        follower.follow(listId, position);
        byList.computeIfAbsent(listId, k -> new HashSet<>()).add(follower);
    }

    /** The follower stops following the list after {@code endedAt}; true when nobody here follows it any more. */
    boolean unfollow(Follower follower, long listId, long endedAt) {
        follower.unfollow(listId, endedAt);
        Set<Follower> following = byList.get(listId);
        if (following != null && following.remove(follower) && following.isEmpty()) {
            byList.remove(listId);
            return true;
        }
        return false;
    }

    Follower get(String connectionId) {
        return byConnection.get(connectionId);
    }

    Collection<Follower> all() {
        return byConnection.values();
    }

    Set<Follower> ofList(long listId) {
        return byList.getOrDefault(listId, Set.of());
    }

    Set<Follower> ofUser(String username) {
        return byUsername.getOrDefault(username, Set.of());
    }

    Set<Follower> ofSession(long sessionId) {
        return bySession.getOrDefault(sessionId, Set.of());
    }

    boolean followed(long listId) {
        return byList.containsKey(listId);
    }

    Set<Long> lists() {
        return byList.keySet();
    }

    Set<String> usernames() {
        return byUsername.keySet();
    }

    Set<Long> sessions() {
        return bySession.keySet();
    }

    /** The version up to which every follower here has been sent the list. */
    long oldestPosition(long listId) {
        return ofList(listId).stream()
                .mapToLong(f -> f.position(listId).sent)
                .min()
                .orElse(0);
    }

    AtomicInteger count() {
        return count;
    }

    private static <K> void removeFrom(Map<K, Set<Follower>> index, K key, Follower follower) {
        Set<Follower> set = index.get(key);
        if (set != null && set.remove(follower) && set.isEmpty()) {
            index.remove(key);
        }
    }
}
