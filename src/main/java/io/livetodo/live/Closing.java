package io.livetodo.live;

import io.livetodo.live.wire.CloseCodes;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jboss.logging.Logger;

/**
 * How a follower's connection ends, for the {@link Hub} and confined to its loop: closed with
 * a reason, aborted when its client does not read, or at the end of its session's life. Either
 * way it is taken out of {@link Followers} at once, so nothing more is queued for it.
 */
final class Closing {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    static final CloseReason SESSION_ENDED = new CloseReason(CloseCodes.POLICY_VIOLATION, "Session ended");
    static final CloseReason STREAM_RENEWED = new CloseReason(CloseCodes.GOING_AWAY, "Reconnect and resume");

    private final Followers followers;
    private final LongConsumer unfollowed;
    private final Consumer<Follower> streamEnded;
    private final Departures departures;
    private final SessionDeadlines deadlines;

    /**
     * {@code unfollowed} is given each list that no connection here follows any more,
     * {@code streamEnded} each event stream about to be taken out (its place still in it),
     * {@code departures} each connection taken out.
     */
    Closing(
            HubLoop loop,
            Followers followers,
            LongConsumer unfollowed,
            Consumer<Follower> streamEnded,
            Departures departures) {
        this.followers = followers;
        this.unfollowed = unfollowed;
        this.streamEnded = streamEnded;
        this.departures = departures;
        this.deadlines = new SessionDeadlines(loop, follower -> close(follower, SESSION_ENDED));
    }

    /** Registers an opening connection, unless it has closed already; it is closed when its session ends. */
    void register(Follower follower) {
        if (!follower.transport.isOpen()) {
            return;
        }
        followers.add(follower);
        follower.open = true;
        deadlines.add(follower);
    }

    void close(Follower follower, CloseReason reason) {
        remove(follower);
        follower.transport
                .close(reason)
                .subscribe()
                .with(closed -> {}, failure -> LOG.debugf("Closing live connection failed: %s", failure.getMessage()));
    }

    /** Closes a connection whose client does not read, without waiting for it to answer the close, which it would not. */
    void abort(Follower follower, int code, String reason) {
        remove(follower);
        follower.transport.abort(code, reason);
    }

    /**
     * Each second: a connection whose client has not answered a ping since {@code pongsSince} is
     * gone (aborted, 1001), and an event stream whose time is up by {@code now} ends, for its
     * browser to reconnect and resume (1001).
     */
    void endSilentAndDue(long pongsSince, long now) {
        followers.all().stream()
                .filter(s -> s.guard != null && s.guard.lastPongMillis() < pongsSince)
                .toList()
                .forEach(s -> abort(s, CloseCodes.GOING_AWAY, "No answer to pings"));
        followers.all().stream()
                .filter(s -> s.streamEndsAtMillis <= now)
                .toList()
                .forEach(s -> close(s, STREAM_RENEWED));
    }

    /** The {@link Outbox}'s: these connections hold as many unsent frames as they may. */
    void backedUp(List<Follower> full) {
        full.stream()
                .filter(s -> s.open)
                .forEach(s -> abort(s, CloseCodes.TRY_AGAIN_LATER, "Too many unread messages; reconnect and resume"));
    }

    void endSession(long sessionId) {
        List.copyOf(followers.ofSession(sessionId)).forEach(follower -> close(follower, SESSION_ENDED));
    }

    /** Takes out every connection and returns a close with the given reason sent to each. */
    Uni<Void> closeAll(CloseReason reason) {
        List<Follower> all = List.copyOf(followers.all());
        all.forEach(this::remove);
        return all.isEmpty()
                ? Uni.createFrom().voidItem()
                : Uni.join()
                        .all(all.stream()
                                .map(s -> s.transport.close(reason).onFailure().recoverWithNull())
                                .toList())
                        .andCollectFailures()
                        .replaceWithVoid();
    }

    /** The connection closed by itself, or is being closed. */
    void remove(Follower follower) {
        if (follower.open && follower.streamPlace != null) {
            streamEnded.accept(follower);
        }
        if (followers.remove(follower, unfollowed)) {
            follower.open = false;
            deadlines.remove(follower);
            departures.gone(follower);
        }
    }
}
