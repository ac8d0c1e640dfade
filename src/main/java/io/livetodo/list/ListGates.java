package io.livetodo.list;

import io.livetodo.common.ApiException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The turns of this instance's writes, list by list: at most {@link #RUNNING} of one list run at
 * once, the others wait here, in memory (see {@link ListWriteGate}).
 */
@ApplicationScoped
public class ListGates {

    /** One holding the list's lock, one waiting for it: the list never waits on this gate alone. */
    static final int RUNNING = 2;
    /** Per list; beyond them a write is refused at once (503). */
    static final int MOST_WAITING = 256;

    /** One write's way through the gate. Guarded by {@link #gates}. */
    private static final class Pass {
        Runnable enter;
        boolean entered;
        boolean done;
    }

    private static final class Gate {
        int running;
        final ArrayDeque<Pass> waiting = new ArrayDeque<>();
    }

    private final Map<Long, Gate> gates = new HashMap<>();
    private int waitingNow;

    ListGates(MeterRegistry metrics) {
        Gauge.builder("livetodo.list.writes.waiting", this, ListGates::waiting)
                .description("Writes waiting for their turn at a busy list, without a database connection")
                .register(metrics);
    }

    /** The work, subscribed to once the list has a place for it; resumed on the caller's context. */
    <T> Uni<T> through(long listId, Uni<T> work, Context context) {
        Pass pass = new Pass();
        return Uni.createFrom()
                .<Void>emitter(admitted -> {
                    pass.enter = () -> context.runOnContext(ignored -> admitted.complete(null));
                    if (!admit(listId, pass)) {
                        admitted.fail(ApiException.unavailable("This list is busy; try again shortly.", 1));
                    }
                })
                .chain(() -> work)
                .onTermination()
                .invoke(() -> release(listId, pass));
    }

    /** Lets the pass in now or once a place frees up; false when too many wait already. */
    private boolean admit(long listId, Pass pass) {
        synchronized (gates) {
            Gate gate = gates.computeIfAbsent(listId, k -> new Gate());
            if (gate.running >= RUNNING) {
                if (gate.waiting.size() >= MOST_WAITING) {
                    pass.done = true;
                    return false;
                }
                gate.waiting.add(pass);
                waitingNow++;
                return true;
            }
            gate.running++;
            pass.entered = true;
        }
        pass.enter.run();
        return true;
    }

    /** The write ended, however (answered, failed, given up while waiting): its place goes to the next that still wants it. */
    private void release(long listId, Pass pass) {
        Pass next = null;
        synchronized (gates) {
            if (pass.done) {
                return;
            }
            pass.done = true;
            Gate gate = gates.get(listId);
            if (!pass.entered) {
                if (gate.waiting.remove(pass)) {
                    waitingNow--;
                }
                return;
            }
            while (next == null && !gate.waiting.isEmpty()) {
                Pass waiting = gate.waiting.poll();
                waitingNow--;
                if (!waiting.done) {
                    next = waiting;
                    next.entered = true;
                }
            }
            if (next == null && --gate.running == 0) {
                gates.remove(listId);
            }
        }
        if (next != null) {
            next.enter.run();
        }
    }

    /** Writes of all lists that wait for their turn now. */
    int waiting() {
        synchronized (gates) {
            return waitingNow;
        }
    }
}
