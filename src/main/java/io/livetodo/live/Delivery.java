package io.livetodo.live;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import org.jboss.logging.Logger;

import io.livetodo.change.ChangeType;
import io.livetodo.common.OnContext;
import io.livetodo.live.ChangeReader.MemberOf;
import io.livetodo.live.ChangeReader.Opening;
import io.micrometer.core.instrument.Counter;
import io.quarkus.websockets.next.CloseReason;
import io.vertx.core.Context;

/**
 * The order in which a follower is sent a list's changes, confined to the hub's context.
 *
 * <p>Each announced change of a followed list is read from the change log once ({@link #fetch})
 * and kept in {@link RecentChanges}; every follower is then sent, in version order, what it has
 * not had ({@link #pump}). A follower that is behind what is kept, or resumes from further back,
 * reads the log on its own ({@link #catchUp}) and is sent nothing newer until it has caught up;
 * one whose versions the log no longer holds is told to reload the list ({@code resync}).
 */
final class Delivery {

    /** One line per change fanned out here, at DEBUG, naming the trace of the request that made it. */
    private static final Logger FANOUT = Logger.getLogger("io.livetodo.live.fanout");

    static final int BATCH = 500;
    private static final int SERVER_ERROR = 1011;

    private final Context context;
    private final ChangeReader reader;
    private final Followers followers;
    private final Announcements announcements;
    /** The hub's: queues a frame for a follower (nothing goes out before its hello), closes a connection. */
    private final BiConsumer<Follower, Frame> send;
    private final BiConsumer<Follower, CloseReason> close;
    /** Told of a follower that no longer follows a list. */
    private final BiConsumer<Follower, Long> unfollowed;
    private final ReadFailures failures;
    private final Counter changesBroadcast;
    private final RecentChanges recent;
    private final Set<Long> fetching = new HashSet<>();
    private final Set<Long> fetchAgain = new HashSet<>();

    Delivery(Context context, ChangeReader reader, Followers followers, RecentChanges recent, Announcements announcements,
            BiConsumer<Follower, Frame> send, BiConsumer<Follower, CloseReason> close, BiConsumer<Follower, Long> unfollowed,
            ReadFailures failures, Counter changesBroadcast) {
        this.context = context;
        this.reader = reader;
        this.followers = followers;
        this.recent = recent;
        this.announcements = announcements;
        this.send = send;
        this.close = close;
        this.unfollowed = unfollowed;
        this.failures = failures;
        this.changesBroadcast = changesBroadcast;
    }

    /** The newest version of the list this instance has read or been told of. */
    long newestKnown(long listId) {
        return Math.max(recent.newest(listId), announcements.newest(listId));
    }

    /**
     * Sends hello, then what waited for it, unless the connection closed or its session ended
     * meanwhile. A list the user joined after the lists were read has been followed already, from
     * its {@code member.added}; the others start from hello.
     */
    void greet(Follower follower, Opening opening, Frame hello) {
        if (!follower.open) {
            return;
        }
        if (!opening.sessionActive()) {
            close.accept(follower, Closing.SESSION_ENDED);
            return;
        }
        Map<Long, Long> resume = new HashMap<>();
        List<Frame> held = follower.greet(resume);
        // Followed first: an event stream's hello carries the place it gives in each list.
        for (MemberOf list : opening.lists()) {
            followers.follow(follower, list.listId(), new Position(list.version(), list.joined()));
        }
        send.accept(follower, hello);
        held.forEach(frame -> send.accept(follower, frame));
        resume.forEach((listId, version) -> resume(follower, listId, Math.max(0, version)));
        for (long listId : List.copyOf(follower.followed())) {
            if (newestKnown(listId) > follower.position(listId).sent) {
                catchUp(follower, listId);
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
            case NOTHING_MISSED -> {
            }
            case RESYNC -> resync(follower, listId, position.sent);
            case REPLAY -> {
                follower.replayBudget -= position.sent - seen;
                position.sent = seen;
                catchUp(follower, listId);
            }
        }
    }

    /** Reads the list's changes after the newest kept, once for all its followers, and sends them on. */
    void fetch(long listId) {
        if (!fetching.add(listId)) {
            fetchAgain.add(listId);
            return;
        }
        long after = recent.newest(listId) > 0 ? recent.newest(listId) : followers.oldestPosition(listId);
        reader.after(listId, after, BATCH).emitOn(this::execute).subscribe().with(batch -> {
            fetching.remove(listId);
            batch.changes().forEach(this::keep);
            if (FANOUT.isDebugEnabled()) {
                logFanOut(listId, batch.changes());
            }
            long oldest = Long.MAX_VALUE;
            for (Follower follower : List.copyOf(followers.ofList(listId))) {
                pump(follower, listId);
                Position position = follower.position(listId);
                oldest = Math.min(oldest, position == null ? Long.MAX_VALUE : position.sent);
            }
            recent.delivered(listId, oldest);
            if (fetchAgain.remove(listId) || batch.changes().size() == BATCH) {
                fetch(listId);
            }
        }, failure -> {
            fetching.remove(listId);
            fetchAgain.remove(listId);
            failures.failed("read the changes of list " + listId + " (trying again in a second)", failure);
            context.owner().setTimer(1_000, timer -> execute(() -> {
                if (followers.followed(listId)) {
                    fetch(listId);
                }
            }));
        });
    }

    private void logFanOut(long listId, List<Change> changes) {
        int here = followers.ofList(listId).size();
        for (Change change : changes) {
            FANOUT.debugf("List %d version %d goes to %d connections here (trace %s)",
                    listId, change.version(), here, change.trace() == null ? "none" : change.trace());
        }
    }

    /** Reads which lists the users belong to, and follows, from their joining, those their connections do not. */
    void reread(Set<String> usernames) {
        Map<Long, String> users = new HashMap<>();
        for (String username : usernames) {
            for (Follower follower : followers.ofUser(username)) {
                users.put(follower.user.id(), username);
            }
        }
        if (users.isEmpty()) {
            return;
        }
        reader.memberships(users.keySet()).emitOn(this::execute).subscribe().with(lists -> users.forEach((userId, username) -> {
            for (MemberOf list : lists.getOrDefault(userId, List.of())) {
                for (Follower follower : List.copyOf(followers.ofUser(username))) {
                    if (follower.greeted() && !follower.follows(list.listId())) {
                        followers.follow(follower, list.listId(), new Position(Math.max(0, list.joined() - 1), list.joined()));
                        catchUp(follower, list.listId());
                    }
                }
            }
        }), failure -> failures.failed("re-read the lists of live users", failure));
    }

    private void keep(Change change) {
        if (!followers.followed(change.listId())) {
            return;
        }
        recent.keep(change);
        changesBroadcast.increment();
    }

    /** Sends the follower what it has not had yet of a list, from memory, or catches up when that is not enough. */
    private void pump(Follower follower, long listId) {
        Position position = follower.position(listId);
        if (position == null || position.catchingUp || !follower.greeted()) {
            return;
        }
        while (follower.open && follower.position(listId) == position) {
            Change change = recent.get(listId, position.sent + 1);
            if (change == null) {
                if (recent.newest(listId) > position.sent + 1) {
                    catchUp(follower, listId);
                }
                return;
            }
            deliver(follower, change);
        }
    }

    private void catchUp(Follower follower, long listId) {
        Position position = follower.position(listId);
        if (position == null || position.catchingUp) {
            return;
        }
        position.catchingUp = true;
        long after = position.sent;
        reader.after(listId, after, BATCH).emitOn(this::execute).subscribe().with(batch -> {
            position.catchingUp = false;
            if (!follower.open || follower.position(listId) != position) {
                return;
            }
            if (!batch.continues(after)) {
                resync(follower, listId, batch.newest());
                return;
            }
            List<Change> changes = batch.changes();
            for (Change change : changes) {
                if (follower.position(listId) != position) {
                    return;
                }
                deliver(follower, change);
            }
            if (changes.size() == BATCH) {
                catchUp(follower, listId);
            } else {
                pump(follower, listId);
            }
        }, failure -> {
            position.catchingUp = false;
            failures.failed("read the missed changes of list " + listId, failure);
            // Better a reconnect and resume than a silent gap.
            close.accept(follower, new CloseReason(SERVER_ERROR, "Could not read missed changes"));
        });
    }

    private void deliver(Follower follower, Change change) {
        follower.position(change.listId()).sent = change.version();
        send.accept(follower, change.frame());
        if (change.ends(follower.user.username())) {
            if (followers.unfollow(follower, change.listId())) {
                recent.forget(change.listId());
            }
            unfollowed.accept(follower, change.listId());
            if (change.type() == ChangeType.MEMBER_REMOVED) {
                // They may have been added again since; the log of that is read from their new start.
                reread(Set.of(follower.user.username()));
            }
        }
    }

    private void resync(Follower follower, long listId, long version) {
        follower.position(listId).sent = version;
        send.accept(follower, LiveMessage.frame(new LiveMessage.Resync(listId)));
        pump(follower, listId);
    }

    private void execute(Runnable task) {
        OnContext.run(context, task);
    }
}
