package io.livetodo.live;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Ends connections when their session reaches the end of its life, for the {@link Hub} and
 * confined to its loop: one timer, for the soonest, rather than one per connection.
 */
final class SessionDeadlines {

    private final HubLoop loop;
    private final Consumer<Follower> due;
    private final TreeSet<Follower> soonestFirst = new TreeSet<>(
            Comparator.comparingLong((Follower s) -> s.sessionEndsAtMillis).thenComparing(Follower::id));
    private long timer = -1;
    private long timerDue = Long.MAX_VALUE;

    /** {@code due} is handed each connection whose session has ended, once. */
    SessionDeadlines(HubLoop loop, Consumer<Follower> due) {
        this.loop = loop;
        this.due = due;
    }

    void add(Follower follower) {
        soonestFirst.add(follower);
        arm();
    }

    void remove(Follower follower) {
        soonestFirst.remove(follower);
    }

    private void expire() {
        timer = -1;
        timerDue = Long.MAX_VALUE;
        long now = loop.nowMillis();
        while (!soonestFirst.isEmpty() && soonestFirst.first().sessionEndsAtMillis <= now) {
            due.accept(soonestFirst.pollFirst());
        }
        arm();
    }

    private void arm() {
        if (soonestFirst.isEmpty()) {
            return;
        }
        long next = soonestFirst.first().sessionEndsAtMillis;
        if (next >= timerDue) {
            return;
        }
        if (timer != -1) {
            loop.cancelTimer(timer);
        }
        timerDue = next;
        timer = loop.setTimer(next - loop.nowMillis(), this::expire);
    }
}
