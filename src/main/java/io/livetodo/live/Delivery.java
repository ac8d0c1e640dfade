package io.livetodo.live;

import io.livetodo.change.ChangeType;
import io.livetodo.live.ChangeSource.Batch;
import io.livetodo.live.ChangeSource.MemberOf;
import io.livetodo.live.ChangeSource.Opening;
import io.livetodo.live.wire.Frame;
import io.livetodo.live.wire.LiveMessage;
import io.micrometer.core.instrument.Counter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which a follower is sent a list's changes, confined to the hub's loop.
 *
 * <p>Each announced change of a followed list is read from the change log once ({@link ListReads})
 * and kept in {@link RecentChanges}; every follower is then sent, in version order, what it has
 * not had ({@link #pump}). A follower that is behind what is kept, or resumes from further back,
 * reads the log on its own ({@link CatchUp}) and is sent nothing newer until it has caught up;
 * one whose versions the log no longer holds is told to reload the list ({@code resync}).
 *
 * <p>A connection follows a list from its hello, or from its user's {@code member.added}, and
 * stops after the change that ends that (its user's {@code member.removed}, the list's
 * {@code list.deleted}). It follows the list again only from a {@code member.added} newer than
 * that end ({@link #follow}), however late the membership read or announcement that says so
 * arrives: no connection is ever sent a version twice or backwards. Whether it was added back
 * after a removal is read by {@link Rejoins}. docs/live-protocol.md says how these rules are
 * checked.
 */
final class Delivery implements Rejoins.Joiner, ListReads.Pump, CatchUp.Sender {

    static final int BATCH = 500;

    private final Followers followers;
    private final RecentChanges recent;
    private final ToldChanges told;
    /** The hub's: queues a frame for a follower, holding it back until its hello. */
    private final FrameWriter send;

    private final Closing closing;
    private final Departures departures;
    private final ListReads reads;
    private final Rejoins rejoins;
    private final CatchUp catchUp;

    Delivery(
            HubLoop loop,
            ChangeSource source,
            Followers followers,
            RecentChanges recent,
            ToldChanges told,
            FrameWriter send,
            Closing closing,
            Departures departures,
            ReadFailures failures,
            Counter changesBroadcast) {
        this.followers = followers;
        this.recent = recent;
        this.told = told;
        this.send = send;
        this.closing = closing;
        this.departures = departures;
        this.reads = new ListReads(loop, source, followers, recent, failures, changesBroadcast, this);
        this.rejoins = new Rejoins(loop, source, failures, this);
        this.catchUp = new CatchUp(loop, source, failures, closing, this);
    }

    /** Reads each list's new changes once for all its followers here. */
    ListReads reads() {
        return reads;
    }

    /** Who follows a list again, or joined one unheard: membership re-reads. */
    Rejoins rejoins() {
        return rejoins;
    }

    /** The newest version of the list this instance has read or been told of. */
    long newestKnown(long listId) {
        return Math.max(recent.newest(listId), told.newest(listId));
    }

    /**
     * A change was committed (it may be told more than once). A {@code member.added} has the
     * added user's connections follow the list from it; any change has the list read, once for
     * all its followers here, unless it is known already.
     */
    void changed(long listId, long version, String joined) {
        if (joined != null && told.firstOfJoin(listId, version)) {
            for (Follower added : List.copyOf(followers.ofUser(joined))) {
                follow(added, listId, version);
            }
        }
        long known = newestKnown(listId);
        // Noted even when read already: what was read is forgotten once nobody here follows the list.
        told.note(listId, version);
        if (version > known && followers.followed(listId)) {
            reads.fetch(listId);
        }
    }

    /**
     * Sends hello, then what waited for it, unless the connection closed or its session ended
     * meanwhile, then replays what the client resumes. A list the user joined after their lists
     * were read has been followed already, from its {@code member.added}; the others start from
     * hello. Nothing was sent before hello, so hello's places replace any taken meanwhile.
     */
    void greet(Follower follower, Opening opening, Frame hello) {
        if (!follower.open) {
            return;
        }
        if (!opening.sessionActive()) {
            closing.close(follower, Closing.SESSION_ENDED);
            return;
        }
        Map<Long, Long> resume = new HashMap<>();
        Set<Long> reload = new HashSet<>();
        List<Frame> held = follower.greet(resume, reload);
        // Followed first: an event stream's hello carries the place it gives in each list.
        for (MemberOf list : opening.lists()) {
            followers.follow(follower, list.listId(), Position.fromHello(list.version(), list.joined()));
        }
        send.write(follower, hello);
        held.forEach(frame -> send.write(follower, frame));
        resume.forEach((listId, version) -> resume(follower, listId, Math.max(0, version)));
        for (long listId : List.copyOf(reload.containsAll(Follower.RELOAD_ALL) ? follower.followed() : reload)) {
            reload(follower, listId);
        }
        for (long listId : List.copyOf(follower.followed())) {
            if (newestKnown(listId) > follower.position(listId).sent) {
                catchUp.start(follower, listId);
            }
        }
    }

    /** Replays a list from where the client says it is, or has it reload the list: see {@link Position#resumeFrom}. */
    void resume(Follower follower, long listId, long seen) {
        Position position = follower.position(listId);
        if (position == null) {
            return;
        }
        switch (position.resumeFrom(seen, follower.replayBudget)) {
            case NOTHING_MISSED -> {}
            case RESYNC -> resync(follower, listId, position.sent);
            case REPLAY -> {
                follower.replayBudget -= position.sent - seen;
                // A new place: a catch-up still reading for the old one is dropped when it answers.
                followers.follow(follower, listId, position.replayingFrom(seen));
                catchUp.start(follower, listId);
            }
        }
    }

    /** The client's place in the list is unknown: it reloads the list (resync), and is sent what comes next. */
    void reload(Follower follower, long listId) {
        Position position = follower.position(listId);
        if (position != null) {
            resync(follower, listId, position.sent);
        }
    }

    /**
     * Has the connection follow the list from its user's {@code member.added} of version
     * {@code joined}, unless it follows the list already, or was sent a change that ended a
     * following of it at that version or later: then what says it joined is older than what it
     * was sent. A connection not greeted yet is caught up by its hello.
     */
    @Override
    public void follow(Follower follower, long listId, long joined) {
        if (follower.follows(listId) || joined <= follower.endedAt(listId)) {
            return;
        }
        followers.follow(follower, listId, Position.fromJoin(joined));
        catchUp.start(follower, listId);
    }

    /** Sends the follower what it has not had yet of a list, from memory, or catches up when that is not enough. */
    @Override
    public void pump(Follower follower, long listId) {
        Position position = follower.position(listId);
        if (position == null || position.catchingUp || !follower.greeted()) {
            return;
        }
        while (follower.open && follower.position(listId) == position) {
            Change change = recent.get(listId, position.sent + 1);
            if (change == null) {
                if (recent.newest(listId) > position.sent + 1) {
                    catchUp.start(follower, listId);
                }
                return;
            }
            deliver(follower, change);
        }
    }

    @Override
    public void deliver(Follower follower, Change change) {
        follower.advance(change.listId(), change.version());
        send.write(follower, change.frame());
        if (change.ends(follower.user.username())) {
            unfollow(follower, change.listId(), change.version());
            if (change.type() == ChangeType.MEMBER_REMOVED) {
                rejoins.afterRemoval(follower, change.listId());
            }
        }
    }

    /**
     * The change log no longer reaches back to where the follower is in the list. While its user
     * still belongs to the list, the client reloads it (resync) and is sent what comes next. Once
     * they do not (or the list is gone), the connection follows it no more: a client that knew the
     * list from it is told to reload, and finds it gone. As after a removal, they may have been
     * added again since; a join told while the connection still followed the list was passed over.
     */
    @Override
    public void historyGone(Follower follower, long listId, Batch batch) {
        if (batch.joined() != null) {
            resync(follower, listId, batch.newest());
            return;
        }
        if (follower.position(listId).known()) {
            send.write(follower, LiveMessage.frame(new LiveMessage.Resync(listId)));
        }
        unfollow(follower, listId, batch.newest());
        if (batch.current() != null) {
            rejoins.afterRemoval(follower, listId);
        }
    }

    private void unfollow(Follower follower, long listId, long endedAt) {
        if (followers.unfollow(follower, listId, endedAt)) {
            recent.forget(listId);
        }
        departures.unfollowed(follower, listId);
    }

    private void resync(Follower follower, long listId, long version) {
        follower.advance(listId, version);
        send.write(follower, LiveMessage.frame(new LiveMessage.Resync(listId)));
        pump(follower, listId);
    }
}
