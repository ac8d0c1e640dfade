package io.livetodo.live;

import io.micrometer.core.instrument.Counter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Reads each followed list's new changes from the change log once for all its followers here,
 * keeps them in {@link RecentChanges} with their frames, and has each follower sent them by its
 * {@link Pump}, in its own order. One read per list at a time; a change told meanwhile has the
 * list read again after it. Confined to the hub's loop, as {@link Delivery}, which owns it.
 */
final class ListReads {

    /** Sends a follower what it has not had yet of a list. */
    interface Pump {

        void pump(Follower follower, long listId);
    }

    /** One line per change fanned out here, at DEBUG, naming the trace of the request that made it. */
    private static final Logger FANOUT = Logger.getLogger("io.livetodo.live.fanout");

    private static final long RETRY_MILLIS = 1_000;

    private final HubLoop loop;
    private final ChangeSource source;
    private final Followers followers;
    private final RecentChanges recent;
    private final ReadFailures failures;
    private final Counter changesBroadcast;
    private final Pump pump;
    private final Set<Long> fetching = new HashSet<>();
    private final Set<Long> fetchAgain = new HashSet<>();

    ListReads(
            HubLoop loop,
            ChangeSource source,
            Followers followers,
            RecentChanges recent,
            ReadFailures failures,
            Counter changesBroadcast,
            Pump pump) {
        this.loop = loop;
        this.source = source;
        this.followers = followers;
        this.recent = recent;
        this.failures = failures;
        this.changesBroadcast = changesBroadcast;
        this.pump = pump;
    }

    /** Reads the list's changes after the newest kept, once for all its followers, and has each sent them; a second later again when the read fails. */
    void fetch(long listId) {
        if (!fetching.add(listId)) {
            fetchAgain.add(listId);
            return;
        }
        long after = recent.newest(listId) > 0 ? recent.newest(listId) : followers.oldestPosition(listId);
        source.after(listId, after, Delivery.BATCH)
                .emitOn(loop)
                .subscribe()
                .with(
                        batch -> {
                            fetching.remove(listId);
                            batch.changes().forEach(this::keep);
                            if (FANOUT.isDebugEnabled()) {
                                logFanOut(listId, batch.changes());
                            }
                            long oldest = Long.MAX_VALUE;
                            for (Follower follower : List.copyOf(followers.ofList(listId))) {
                                pump.pump(follower, listId);
                                Position position = follower.position(listId);
                                oldest = Math.min(oldest, position == null ? Long.MAX_VALUE : position.sent);
                            }
                            recent.delivered(listId, oldest);
                            if (fetchAgain.remove(listId) || batch.changes().size() == Delivery.BATCH) {
                                fetch(listId);
                            }
                        },
                        failure -> {
                            fetching.remove(listId);
                            fetchAgain.remove(listId);
                            failures.failed(
                                    "read the changes of list " + listId + " (trying again in a second)", failure);
                            loop.setTimer(RETRY_MILLIS, () -> {
                                if (followers.followed(listId)) {
                                    fetch(listId);
                                }
                            });
                        });
    }

    private void logFanOut(long listId, List<Change> changes) {
        int here = followers.ofList(listId).size();
        for (Change change : changes) {
            FANOUT.debugf(
                    "List %d version %d goes to %d connections here (trace %s)",
                    listId, change.version(), here, change.trace() == null ? "none" : change.trace());
        }
    }

    private void keep(Change change) {
        if (!followers.followed(change.listId())) {
            return;
        }
        recent.keep(change);
        changesBroadcast.increment();
    }
}
