package io.livetodo.live;

import io.livetodo.common.OnContext;
import io.vertx.core.Context;
import java.util.concurrent.Executor;

/**
 * The one thread of control the {@link Hub}'s state is confined to: tasks run there one at a time,
 * in order, and timers fire there. The server's is a Vert.x context; the delivery simulation's is
 * a seeded scheduler with a clock of its own.
 */
interface HubLoop extends Executor {

    /** Runs the task on the loop: at once when already there, else queued after what is queued. */
    @Override
    void execute(Runnable task);

    /** Runs the task on the loop after the delay; returns the timer's id. */
    long setTimer(long delayMillis, Runnable task);

    void cancelTimer(long timerId);

    long nowMillis();

    /** A Vert.x context as the loop. */
    static HubLoop of(Context context) {
        return new HubLoop() {
            @Override
            public void execute(Runnable task) {
                OnContext.run(context, task);
            }

            @Override
            public long setTimer(long delayMillis, Runnable task) {
                return context.owner().setTimer(Math.max(1, delayMillis), timer -> execute(task));
            }

            @Override
            public void cancelTimer(long timerId) {
                context.owner().cancelTimer(timerId);
            }

            @Override
            public long nowMillis() {
                return System.currentTimeMillis();
            }
        };
    }
}
