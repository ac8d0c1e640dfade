package io.livetodo.live;

import java.util.Comparator;
import java.util.TreeSet;
import java.util.function.Consumer;

import io.livetodo.common.OnContext;
import io.vertx.core.Context;

/**
 * Ends connections when their session reaches the end of its life, for {@link LiveHub} and
 * confined to its context: one timer, for the soonest, rather than one per connection.
 */
final class SessionDeadlines {

    private final Context context;
    private final Consumer<Subscriber> due;
    private final TreeSet<Subscriber> soonestFirst = new TreeSet<>(
            Comparator.comparingLong((Subscriber s) -> s.sessionEndsAtMillis).thenComparing(Subscriber::id));
    private long timer = -1;
    private long timerDue = Long.MAX_VALUE;

    /** {@code due} is handed each connection whose session has ended, once. */
    SessionDeadlines(Context context, Consumer<Subscriber> due) {
        this.context = context;
        this.due = due;
    }

    void add(Subscriber subscriber) {
        soonestFirst.add(subscriber);
        arm();
    }

    void remove(Subscriber subscriber) {
        soonestFirst.remove(subscriber);
    }

    private void expire() {
        timer = -1;
        timerDue = Long.MAX_VALUE;
        long now = System.currentTimeMillis();
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
            context.owner().cancelTimer(timer);
        }
        timerDue = next;
        timer = context.owner().setTimer(Math.max(1, next - System.currentTimeMillis()), fired -> OnContext.run(context, this::expire));
    }
}
