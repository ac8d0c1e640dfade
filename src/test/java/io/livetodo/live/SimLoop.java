package io.livetodo.live;

import java.util.Comparator;
import java.util.PriorityQueue;

/** The hub's loop: everything runs at once, on the one thread; timers wait for the scheduler to let time pass. */
final class SimLoop implements HubLoop {

    private record Timer(long due, long id, Runnable task, long every) {}

    private final PriorityQueue<Timer> timers =
            new PriorityQueue<>(Comparator.comparingLong(Timer::due).thenComparingLong(Timer::id));
    long now = 1_000_000;
    private long nextId;

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public long setTimer(long delayMillis, Runnable task) {
        long id = ++nextId;
        timers.add(new Timer(now + Math.max(1, delayMillis), id, task, 0));
        return id;
    }

    void periodic(long every, Runnable task) {
        timers.add(new Timer(now + every, ++nextId, task, every));
    }

    @Override
    public void cancelTimer(long timerId) {
        timers.removeIf(timer -> timer.id() == timerId);
    }

    @Override
    public long nowMillis() {
        return now;
    }

    /** Whether nothing but the periodic timers (and sessions' ends) is due within the next hour. */
    boolean onlyPeriodic() {
        return timers.stream().allMatch(timer -> timer.every() > 0 || timer.due() > now + 3_600_000);
    }

    /** Time passes to the next timer, which fires. */
    void advance() {
        Timer timer = timers.poll();
        now = Math.max(now, timer.due());
        if (timer.every() > 0) {
            timers.add(new Timer(now + timer.every(), ++nextId, timer.task(), timer.every()));
        }
        timer.task().run();
    }
}
