package io.livetodo.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.livetodo.account.CurrentUser;
import io.livetodo.change.ChangeListener;
import io.livetodo.change.ChangeType;
import io.livetodo.change.SessionListener;
import io.livetodo.common.DatabaseErrors;
import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.common.OnContext;
import io.livetodo.live.ChangeReader.MemberOf;
import io.livetodo.live.ChangeReader.Opening;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Fans changes out to this instance's live connections.
 *
 * <p>All its state is owned by one Vert.x context and touched only there, so it needs no locks:
 * public methods hop onto that context. For each list with local followers it reads each
 * announced change from the change log once, keeps its frame (encoded once, as WebSocket bytes)
 * for a while, and writes the same bytes to every follower, through the {@link Outbox}. Each
 * follower has its own {@link Position} per list; one that falls behind what is kept in memory
 * (or resumes from further back) catches up from the change log, in order, before it is sent
 * anything newer.
 *
 * <p>A connection is registered before its lists are read, so that nothing that happens while
 * it opens (its session ending, its user joining a list) passes it by; it is sent nothing until
 * its {@code hello}.
 */
@Startup
@ApplicationScoped
public class LiveHub implements ChangeListener, SessionListener {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    static final int BATCH = 500;
    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    private static final int SERVER_ERROR = 1011;
    static final int TRY_AGAIN_LATER = 1013;
    private static final int KEPT_PER_LIST = 256;
    /** Twice as long as a change may be told again. */
    private static final long REMEMBERED_MILLIS = 2_000L * ChangeListener.TOLD_AGAIN_WITHIN_SECONDS;
    private static final CloseReason SESSION_ENDED = new CloseReason(POLICY_VIOLATION, "Session ended");

    private record Greeting(Opening opening, ByteBuf hello) {
    }

    private final Context context;
    private final ChangeReader reader;
    private final DatabaseOutage outage;
    private final Outbox outbox;
    private final long maxReplay;
    private final Duration deadAfter;
    private final Counter changesBroadcast;
    private final Counter framesSent;

    private final Followers followers = new Followers();
    private final RecentChanges recent = new RecentChanges(KEPT_PER_LIST);
    private final SessionDeadlines deadlines;
    private final Set<Long> fetching = new HashSet<>();
    private final Set<Long> fetchAgain = new HashSet<>();
    private final Announcements announcements = new Announcements(REMEMBERED_MILLIS, System.currentTimeMillis());
    private final Pings pings;
    private final AtomicLong opened = new AtomicLong();

    LiveHub(Vertx vertx, ChangeReader reader, DatabaseOutage outage, LivetodoConfig config, MeterRegistry metrics) {
        // Created at start-up on the main thread, so this is a fresh event-loop context of its own.
        this.context = vertx.getOrCreateContext();
        this.reader = reader;
        this.outage = outage;
        this.outbox = new Outbox(context, config.live().maxUnsentFrames(), this::backedUp);
        this.deadlines = new SessionDeadlines(context, follower -> close(follower, SESSION_ENDED));
        this.maxReplay = config.live().maxReplay();
        this.deadAfter = config.live().deadAfter();
        this.pings = new Pings((int) config.live().pingInterval().toSeconds());
        this.changesBroadcast = Counter.builder("livetodo.changes.broadcast")
                .description("Changes read from the change log and sent to this instance's live connections")
                .register(metrics);
        this.framesSent = Counter.builder("livetodo.live.frames.sent")
                .description("Frames sent on live connections")
                .register(metrics);
        Gauge.builder("livetodo.live.connections", followers.count(), AtomicInteger::get)
                .description("Open live connections")
                .register(metrics);
    }

    /** Registers a new connection and sends it {@code hello}; it is closed when its session ends. */
    public Uni<Void> open(WebSocketConnection connection, Channel channel, InboundGuard guard, CurrentUser user, long sessionEndsAtMillis) {
        Follower follower = new Follower(connection, channel, guard, opened.incrementAndGet(), user, sessionEndsAtMillis, maxReplay);
        return Uni.createFrom().<Void>emitter(registered -> execute(() -> {
            register(follower);
            registered.complete(null);
        }))
                .chain(() -> reader.opening(user.id(), user.sessionId()))
                // Built here rather than on the hub's context: its size grows with the user's lists.
                .map(opening -> new Greeting(opening, LiveMessage.frame(hello(user, opening.lists()))))
                .emitOn(this::execute)
                .invoke(greeting -> greet(follower, greeting))
                .onFailure().invoke(failure -> execute(() -> {
                    failed("open a live connection", failure);
                    close(follower, new CloseReason(SERVER_ERROR, "Could not read your lists; reconnect"));
                }))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The client's {@code resume}: the last version it saw of each list. */
    public void resume(String connectionId, Map<Long, Long> seen) {
        execute(() -> {
            Follower follower = followers.get(connectionId);
            if (follower == null) {
                return;
            }
            if (!follower.greeted()) {
                follower.resumeAfterHello(seen);
                return;
            }
            seen.forEach((listId, version) -> resume(follower, listId, Math.max(0, version)));
        });
    }

    /** An answer to a client's message, bounded like everything else sent to it. */
    public void reply(String connectionId, LiveMessage message) {
        ByteBuf frame = LiveMessage.frame(message);
        execute(() -> {
            Follower follower = followers.get(connectionId);
            if (follower != null) {
                send(follower, frame);
            }
        });
    }

    public void closed(String connectionId) {
        execute(() -> {
            Follower follower = followers.get(connectionId);
            if (follower != null) {
                remove(follower);
            }
        });
    }

    @Override
    public void changed(long listId, long version, String joined) {
        execute(() -> {
            if (joined != null && announcements.firstOfJoin(listId, version)) {
                for (Follower added : followers.ofUser(joined)) {
                    if (!added.follows(listId)) {
                        followers.follow(added, listId, new Position(version - 1, version));
                    }
                }
            }
            if (version <= newestKnown(listId)) {
                return;
            }
            announcements.told(listId, version);
            if (followers.followed(listId)) {
                fetch(listId);
            }
        });
    }

    /**
     * Each followed list is read again, the sessions of open connections are checked, and the
     * memberships of their users re-read.
     */
    @Override
    public void missedChanges() {
        execute(() -> {
            new ArrayList<>(followers.lists()).forEach(this::fetch);
            if (!followers.sessions().isEmpty()) {
                Set<Long> sessions = Set.copyOf(followers.sessions());
                reader.activeSessions(sessions).emitOn(this::execute).subscribe().with(
                        active -> sessions.stream().filter(id -> !active.contains(id)).forEach(this::endSession),
                        failure -> failed("check the sessions of live connections", failure));
            }
            reread(Set.copyOf(followers.usernames()));
        });
    }

    @Override
    public void sessionEnded(long sessionId) {
        execute(() -> endSession(sessionId));
    }

    /** What the connections' guards check pongs against. */
    Pings pings() {
        return pings;
    }

    /**
     * Each second: closes the connections that have not answered a ping for too long, and pings
     * this second's slice of them (through the {@link Outbox}, like every other frame).
     */
    void ping() {
        execute(() -> {
            long deadline = System.currentTimeMillis() - deadAfter.toMillis();
            followers.all().stream().filter(s -> s.guard.lastPongMillis() < deadline).toList()
                    .forEach(s -> abort(s, GOING_AWAY, "No answer to pings"));
            pings.nextTick();
            announcements.forgetOld(System.currentTimeMillis());
            ByteBuf frame = pings.frame();
            for (Follower follower : followers.all()) {
                if (pings.due(follower.sequence)) {
                    send(follower, frame);
                }
            }
        });
    }

    /** Whether any connection is open here, for which changes would be read. */
    @Override
    public boolean following() {
        return followers.count().get() > 0;
    }

    /** Closes every connection with the given reason and completes when the close frames are sent. */
    Uni<Void> closeAll(CloseReason reason) {
        return Uni.createFrom().<List<Follower>>emitter(emitter -> execute(() -> {
            List<Follower> all = List.copyOf(followers.all());
            all.forEach(this::remove);
            emitter.complete(all);
        })).chain(all -> all.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(all.stream().map(s -> s.connection.close(reason).onFailure().recoverWithNull()).toList())
                        .andCollectFailures().replaceWithVoid());
    }

    private void register(Follower follower) {
        if (!follower.connection.isOpen()) {
            return;
        }
        followers.add(follower);
        follower.open = true;
        deadlines.add(follower);
    }

    /**
     * Sends hello, then what waited for it. A list the user joined after the lists were read has
     * been followed already, from its {@code member.added}; the others start from hello.
     */
    private void greet(Follower follower, Greeting greeting) {
        if (!follower.open) {
            return;
        }
        if (!greeting.opening().sessionActive()) {
            close(follower, SESSION_ENDED);
            return;
        }
        Map<Long, Long> resume = new HashMap<>();
        List<ByteBuf> held = follower.greet(resume);
        send(follower, greeting.hello());
        held.forEach(frame -> send(follower, frame));
        for (MemberOf list : greeting.opening().lists()) {
            followers.follow(follower, list.listId(), new Position(list.version(), list.joined()));
        }
        resume.forEach((listId, version) -> resume(follower, listId, Math.max(0, version)));
        for (long listId : List.copyOf(follower.followed())) {
            if (newestKnown(listId) > follower.position(listId).sent) {
                catchUp(follower, listId);
            }
        }
    }

    /** Replays a list from where the client says it is, or has it reload the list: see {@link Position#resumeFrom}. */
    private void resume(Follower follower, long listId, long seen) {
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

    private void fetch(long listId) {
        if (!fetching.add(listId)) {
            fetchAgain.add(listId);
            return;
        }
        long after = recent.newest(listId) > 0 ? recent.newest(listId) : followers.oldestPosition(listId);
        reader.after(listId, after, BATCH).emitOn(this::execute).subscribe().with(batch -> {
            fetching.remove(listId);
            batch.changes().forEach(this::keep);
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
            failed("read the changes of list " + listId + " (trying again in a second)", failure);
            context.owner().setTimer(1_000, timer -> execute(() -> {
                if (followers.followed(listId)) {
                    fetch(listId);
                }
            }));
        });
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
            failed("read the missed changes of list " + listId, failure);
            // Better a reconnect and resume than a silent gap.
            close(follower, new CloseReason(SERVER_ERROR, "Could not read missed changes"));
        });
    }

    private void deliver(Follower follower, Change change) {
        follower.position(change.listId()).sent = change.version();
        send(follower, change.frame());
        if (change.ends(follower.user.username())) {
            unfollow(follower, change.listId());
            if (change.type() == ChangeType.MEMBER_REMOVED) {
                // They may have been added again since; the log of that is read from their new start.
                reread(Set.of(follower.user.username()));
            }
        }
    }

    private void resync(Follower follower, long listId, long version) {
        follower.position(listId).sent = version;
        send(follower, LiveMessage.frame(new LiveMessage.Resync(listId)));
        pump(follower, listId);
    }

    /** Reads which lists the users belong to, and follows, from their joining, those their connections do not. */
    private void reread(Set<String> usernames) {
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
        }), failure -> failed("re-read the lists of live users", failure));
    }

    /** A database read failed: part of an outage, which is logged once, or else worth a line of its own. */
    private void failed(String what, Throwable failure) {
        if (DatabaseErrors.isUnavailable(failure)) {
            outage.noticed(DatabaseErrors.describe(failure));
        } else {
            LOG.warnf("Could not %s: %s", what, failure.getMessage());
        }
    }

    private void endSession(long sessionId) {
        List.copyOf(followers.ofSession(sessionId)).forEach(follower -> close(follower, SESSION_ENDED));
    }

    /** Queues a frame for the follower; nothing goes out before its hello. */
    private void send(Follower follower, ByteBuf frame) {
        if (!follower.open || follower.holdBackUntilHello(frame)) {
            return;
        }
        framesSent.increment();
        outbox.add(follower, frame);
    }

    private void backedUp(List<Follower> full) {
        full.stream().filter(s -> s.open).forEach(s -> abort(s, TRY_AGAIN_LATER, "Too many unread messages; reconnect and resume"));
    }

    /** Closes a connection whose client does not read, without waiting for it to answer the close, which it would not. */
    private void abort(Follower follower, int code, String reason) {
        remove(follower);
        InboundGuard guard = follower.channel.pipeline().get(InboundGuard.class);
        if (guard != null) {
            guard.abort(code, reason);
        } else {
            follower.channel.close();
        }
    }

    private void close(Follower follower, CloseReason reason) {
        remove(follower);
        if (follower.connection.isOpen()) {
            follower.connection.close(reason).subscribe().with(closed -> {
            }, failure -> LOG.debugf("Closing live connection failed: %s", failure.getMessage()));
        }
    }

    private void unfollow(Follower follower, long listId) {
        if (followers.unfollow(follower, listId)) {
            recent.forget(listId);
        }
    }

    private void remove(Follower follower) {
        if (followers.remove(follower, recent::forget)) {
            follower.open = false;
            deadlines.remove(follower);
        }
    }

    private long newestKnown(long listId) {
        return Math.max(recent.newest(listId), announcements.newest(listId));
    }

    private static LiveMessage.Hello hello(CurrentUser user, List<MemberOf> lists) {
        return new LiveMessage.Hello(user.username(),
                lists.stream().map(list -> new LiveMessage.ListVersion(list.listId(), list.version())).toList());
    }

    /** Runs the task on the hub's context: at once when already there, else queued in order. */
    void execute(Runnable task) {
        OnContext.run(context, task);
    }
}
