package io.livetodo.live;

import io.livetodo.live.ChangeSource.MemberOf;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a connection follows a list again: after its user's {@code member.removed} (they may
 * have been added back since), and, for every open connection, after the change feed may have
 * missed announcements (a join among them). It reads the memberships and hands what it finds to
 * its {@link Joiner}, which knows whether the connection may follow the list from that join.
 * Confined to the hub's loop, as {@link Delivery}, which owns it.
 */
final class Rejoins {

    /** Has a connection follow a list from its user's {@code member.added} of version {@code joined}, if it may. */
    interface Joiner {

        void follow(Follower follower, long listId, long joined);
    }

    private static final long RETRY_MILLIS = 1_000;

    private final HubLoop loop;
    private final ChangeSource source;
    private final ReadFailures failures;
    private final Joiner joiner;
    /** Connections waiting for a membership read after their user's removal, by the removal they ended at. */
    private final Map<Ended, List<Follower>> rejoining = new HashMap<>();
    /** Those that ended while that read was on its way: they wait for the next one. */
    private final Map<Ended, List<Follower>> rejoinLater = new HashMap<>();

    private record Ended(long userId, long listId, long version) {}

    Rejoins(HubLoop loop, ChangeSource source, ReadFailures failures, Joiner joiner) {
        this.loop = loop;
        this.source = source;
        this.failures = failures;
        this.joiner = joiner;
    }

    /**
     * Reads which lists the users of these connections belong to, and has each connection follow
     * those it does not, from their joining (see {@link Joiner#follow}); read again a second later when
     * the read fails.
     */
    void reread(List<Follower> connections) {
        Map<Long, List<Follower>> byUser = new HashMap<>();
        for (Follower follower : connections) {
            if (follower.open) {
                byUser.computeIfAbsent(follower.user.id(), k -> new ArrayList<>())
                        .add(follower);
            }
        }
        if (byUser.isEmpty()) {
            return;
        }
        source.memberships(byUser.keySet())
                .emitOn(loop)
                .subscribe()
                .with(
                        lists -> byUser.forEach((userId, ofUser) -> {
                            for (MemberOf list : lists.getOrDefault(userId, List.of())) {
                                for (Follower follower : ofUser) {
                                    if (follower.open) {
                                        joiner.follow(follower, list.listId(), list.joined());
                                    }
                                }
                            }
                        }),
                        failure -> {
                            failures.failed("re-read the lists of live users (trying again in a second)", failure);
                            loop.setTimer(RETRY_MILLIS, () -> reread(connections));
                        });
    }

    /**
     * After its user's {@code member.removed}: they may have been added again since, in which
     * case the connection follows the list again from that {@code member.added}. The user's
     * connections that end at the same removal share reads: one made after the first of them
     * ended, and one more, after it answers, for those that ended meanwhile (a join told while
     * they still followed the list was passed over, and the first read may predate it). A removal
     * costs one or two small queries per user, not one per connection.
     */
    void afterRemoval(Follower follower, long listId) {
        Ended ended = new Ended(follower.user.id(), listId, follower.endedAt(listId));
        List<Follower> later = rejoinLater.get(ended);
        if (later != null) {
            later.add(follower);
            return;
        }
        if (rejoining.containsKey(ended)) {
            rejoinLater.put(ended, new ArrayList<>(List.of(follower)));
            return;
        }
        readJoined(ended, List.of(follower));
    }

    private void readJoined(Ended ended, List<Follower> connections) {
        rejoining.put(ended, connections);
        source.joined(ended.listId(), ended.userId())
                .emitOn(loop)
                .subscribe()
                .with(
                        joined -> {
                            rejoining.remove(ended);
                            for (Follower connection : connections) {
                                if (joined != null && connection.open) {
                                    joiner.follow(connection, ended.listId(), joined);
                                }
                            }
                            List<Follower> later = rejoinLater.remove(ended);
                            if (later != null) {
                                readJoined(ended, later);
                            }
                        },
                        failure -> {
                            rejoining.remove(ended);
                            List<Follower> again = new ArrayList<>(connections);
                            List<Follower> later = rejoinLater.remove(ended);
                            if (later != null) {
                                again.addAll(later);
                            }
                            failures.failed("re-read a membership of a live user (trying again in a second)", failure);
                            loop.setTimer(
                                    RETRY_MILLIS,
                                    () -> again.stream()
                                            .filter(connection -> connection.open)
                                            .forEach(connection -> afterRemoval(connection, ended.listId())));
                        });
    }
}
