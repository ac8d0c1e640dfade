package io.livetodo.live;

import io.livetodo.change.ChangeListener;
import io.livetodo.live.Follower.Greeting;
import io.livetodo.live.wire.CloseCodes;
import io.livetodo.live.wire.Frame;
import io.livetodo.live.wire.LiveMessage;
import io.micrometer.core.instrument.Counter;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hub's core: this instance's live connections, what each follows, and the order in which
 * each is sent its lists' changes. Every method runs on its {@link HubLoop} and touches state
 * nothing else touches, so it needs no locks; it reads through a {@link ChangeSource} and writes
 * through a {@link FrameWriter}, and knows neither Vert.x nor sockets, so the delivery simulation
 * drives it exactly as {@link LiveHub} does.
 *
 * <p>Its parts: {@link Followers} (who is connected and follows what), {@link Delivery} (which
 * change each follower is sent, and when) with the {@link RecentChanges} it keeps,
 * {@link Closing} (how connections end) and {@link ToldChanges} (what this instance has been
 * told).
 *
 * <p>A connection is registered before its lists are read, so that nothing that happens while
 * it opens (its session ending, its user joining a list) passes it by; it is sent nothing until
 * its {@code hello}.
 */
final class Hub {

    /** Per list, at most this many recent changes are kept in memory. */
    private static final int KEPT_PER_LIST = 256;
    /** Twice as long as a change may be told again. */
    private static final long REMEMBERED_MILLIS = 2_000L * ChangeListener.TOLD_AGAIN_WITHIN_SECONDS;

    private final HubLoop loop;
    private final ChangeSource source;
    private final FrameWriter writer;
    private final ReadFailures failures;
    private final long resumeWaitMillis;
    private final Followers followers = new Followers();
    private final ToldChanges told;
    private final Closing closing;
    private final Delivery delivery;
    private final EndedStreams endedStreams;

    static final CloseReason STREAM_RESUMED_ELSEWHERE = new CloseReason(CloseCodes.NORMAL, "Resumed by a new stream");

    /**
     * {@code resumeWaitMillis}: how long hello waits for a client that has said nothing yet, since
     * a client that resumes does so at once and a resume that arrives after the first changes
     * could only be answered with resync.
     */
    Hub(
            HubLoop loop,
            ChangeSource source,
            FrameWriter writer,
            ReadFailures failures,
            Departures departures,
            StreamPlaces places,
            Counter changesBroadcast,
            long resumeWaitMillis) {
        this.loop = loop;
        this.endedStreams = new EndedStreams(loop, places);
        this.source = source;
        this.writer = writer;
        this.failures = failures;
        this.resumeWaitMillis = resumeWaitMillis;
        this.told = new ToldChanges(REMEMBERED_MILLIS, loop.nowMillis());
        RecentChanges recent = new RecentChanges(KEPT_PER_LIST);
        this.closing = new Closing(loop, followers, recent::forget, endedStreams::ended, departures);
        this.delivery = new Delivery(
                loop, source, followers, recent, told, this::send, closing, departures, failures, changesBroadcast);
    }

    Followers followers() {
        return followers;
    }

    Closing closing() {
        return closing;
    }

    /** Registers a new connection, reads its lists, and greets it once it is ready: see {@link #heard}. */
    void open(Follower follower) {
        closing.register(follower);
        if (!follower.open) {
            return;
        }
        if (!follower.heard) {
            loop.setTimer(resumeWaitMillis, () -> heard(follower));
        }
        source.opening(follower.user.id(), follower.user.sessionId())
                // Built off the hub's loop: its size grows with the user's lists.
                .map(opening -> new Greeting(opening, LiveMessage.frame(opening.hello(follower.user.username()))))
                .emitOn(loop)
                .subscribe()
                .with(
                        greeting -> {
                            follower.greeting = greeting;
                            greetWhenReady(follower);
                        },
                        failure -> {
                            failures.failed("open a live connection", failure);
                            closing.close(
                                    follower,
                                    new CloseReason(CloseCodes.SERVER_ERROR, "Could not read your lists; reconnect"));
                        });
    }

    /**
     * The client said something, or had {@link #resumeWaitMillis} to: a client that resumes sends
     * resume first, so it has now, if it ever will before hello.
     */
    void heard(Follower follower) {
        if (!follower.heard) {
            follower.heard = true;
            greetWhenReady(follower);
        }
    }

    private void greetWhenReady(Follower follower) {
        Greeting greeting = follower.greeting;
        if (follower.heard && greeting != null) {
            follower.greeting = null;
            delivery.greet(follower, greeting.opening(), greeting.hello());
        }
    }

    /** The client's {@code resume}: the last version it saw of each list. */
    void resume(Follower follower, Map<Long, Long> seen) {
        if (!follower.greeted()) {
            follower.resumeAfterHello(seen);
            heard(follower);
            return;
        }
        seen.forEach((listId, version) -> delivery.resume(follower, listId, Math.max(0, version)));
    }

    /**
     * Resumes an event stream from event {@code event} of an earlier stream of the user's, whose
     * token it names: one still open here (its browser has gone from it, and it is closed now),
     * one that ended here lately, or one another instance or an earlier run kept. Where none is
     * found, or the event is not one it sent, the client reloads every list.
     */
    void resumeStream(Follower follower, String token, long event) {
        for (Follower earlier : List.copyOf(followers.ofUser(follower.user.username()))) {
            if (earlier.streamPlace != null && earlier != follower && earlier.streamPlace.token.equals(token)) {
                StreamPlace.Resolved resolved = earlier.streamPlace.at(event, earlier.place());
                closing.close(earlier, STREAM_RESUMED_ELSEWHERE);
                resumeStream(follower, resolved);
                return;
            }
        }
        StreamPlace.Resolved here = endedStreams.here(follower.user.id(), token, event);
        if (here != null) {
            resumeStream(follower, here);
            return;
        }
        endedStreams
                .kept(follower.user.id(), token, event)
                .emitOn(loop)
                .subscribe()
                .with(resolved -> resumeStream(follower, resolved), failure -> {
                    failures.failed("find where an event stream was", failure);
                    resumeStream(follower, null);
                });
    }

    /** Resumes the stream from the place found, or, when none was, has the client reload every list. */
    private void resumeStream(Follower follower, StreamPlace.Resolved resolved) {
        if (!follower.open) {
            return;
        }
        Set<Long> reload = resolved == null ? Follower.RELOAD_ALL : resolved.reload();
        Map<Long, Long> seen = resolved == null ? Map.of() : resolved.seen();
        if (!follower.greeted()) {
            follower.reloadAfterHello(reload);
            resume(follower, seen);
            return;
        }
        for (long listId : List.copyOf(reload == Follower.RELOAD_ALL ? follower.followed() : reload)) {
            delivery.reload(follower, listId);
        }
        resume(follower, seen);
    }

    /** Queues a frame for the follower; nothing goes out before its hello, and nothing once it is closed. */
    void send(Follower follower, Frame frame) {
        if (follower.open && !follower.holdBackUntilHello(frame)) {
            writer.write(follower, frame);
        }
    }

    /** A change was committed; see {@link Delivery#changed}. */
    void changed(long listId, long version, String joined) {
        delivery.changed(listId, version, joined);
    }

    /**
     * Whatever was announced while the instance did not listen went unheard: each followed list
     * is read again, the sessions of open connections are checked, and the memberships of their
     * users re-read.
     */
    void missedChanges() {
        List.copyOf(followers.lists()).forEach(delivery.reads()::fetch);
        if (!followers.sessions().isEmpty()) {
            Set<Long> sessions = Set.copyOf(followers.sessions());
            source.activeSessions(sessions)
                    .emitOn(loop)
                    .subscribe()
                    .with(
                            active -> sessions.stream()
                                    .filter(id -> !active.contains(id))
                                    .forEach(closing::endSession),
                            failure -> failures.failed("check the sessions of live connections", failure));
        }
        delivery.rejoins().reread(List.copyOf(followers.all()));
    }

    /** Forgets changes told longer ago than it needs to remember, and the places of streams that ended long enough ago. */
    void tick() {
        long now = loop.nowMillis();
        told.forgetOld(now);
        endedStreams.forgetOld(now);
    }

    /** These connections hold as many unsent frames as they may: see {@link Closing#backedUp}. */
    void backedUp(List<Follower> full) {
        closing.backedUp(full);
    }

    /** Closes every connection with the given reason and completes when the close frames are sent. */
    Uni<Void> closeAll(CloseReason reason) {
        return closing.closeAll(reason);
    }
}
