package io.livetodo.live;

import io.livetodo.live.ChangeSource.Batch;
import io.livetodo.live.wire.CloseCodes;
import io.quarkus.websockets.next.CloseReason;
import java.util.List;

/**
 * A follower that is behind what {@link RecentChanges} keeps, or resumes from further back, reads
 * the change log on its own, a batch at a time, and is sent nothing newer until it has caught up.
 * Confined to the hub's loop, as {@link Delivery}, which owns it and is its {@link Sender}.
 */
final class CatchUp {

    /** What a catch-up hands back to the delivery it serves. */
    interface Sender {

        /** Sends the follower the change, which is the next it has not had. */
        void deliver(Follower follower, Change change);

        /** Caught up: sends what is kept in memory from here. */
        void pump(Follower follower, long listId);

        /** The change log no longer reaches back to where the follower is. */
        void historyGone(Follower follower, long listId, Batch batch);
    }

    private final HubLoop loop;
    private final ChangeSource source;
    private final ReadFailures failures;
    private final Closing closing;
    private final Sender sender;

    CatchUp(HubLoop loop, ChangeSource source, ReadFailures failures, Closing closing, Sender sender) {
        this.loop = loop;
        this.source = source;
        this.failures = failures;
        this.closing = closing;
        this.sender = sender;
    }

    /** Reads what the follower missed of the list, unless it is reading already or has not been greeted. */
    void start(Follower follower, long listId) {
        Position position = follower.position(listId);
        if (position == null || position.catchingUp || !follower.greeted()) {
            return;
        }
        position.catchingUp = true;
        long after = position.sent;
        source.missed(listId, follower.user.id(), after, Delivery.BATCH)
                .emitOn(loop)
                .subscribe()
                .with(
                        batch -> {
                            position.catchingUp = false;
                            if (!follower.open || follower.position(listId) != position) {
                                return;
                            }
                            if (!batch.continues(after)) {
                                sender.historyGone(follower, listId, batch);
                                return;
                            }
                            List<Change> changes = batch.changes();
                            for (Change change : changes) {
                                if (follower.position(listId) != position) {
                                    return;
                                }
                                sender.deliver(follower, change);
                            }
                            if (changes.size() == Delivery.BATCH) {
                                start(follower, listId);
                            } else {
                                sender.pump(follower, listId);
                            }
                        },
                        failure -> {
                            position.catchingUp = false;
                            failures.failed("read the missed changes of list " + listId, failure);
                            // Better a reconnect and resume than a silent gap.
                            closing.close(
                                    follower,
                                    new CloseReason(CloseCodes.SERVER_ERROR, "Could not read missed changes"));
                        });
    }
}
