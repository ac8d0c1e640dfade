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
 * public methods hop onto that context. For each list with local subscribers it reads each
 * announced change from the change log once, keeps its frame (encoded once, as WebSocket bytes)
 * for a while, and writes the same bytes to every subscriber, through the {@link Outbox}. Each
 * subscriber has its own {@link Position} per list; one that falls behind what is kept in memory
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
    private final AtomicInteger openCount = new AtomicInteger();

    private final Map<String, Subscriber> subscribers = new HashMap<>();
    private final Map<Long, Set<Subscriber>> byList = new HashMap<>();
    private final Map<String, Set<Subscriber>> byUsername = new HashMap<>();
    private final Map<Long, Set<Subscriber>> bySession = new HashMap<>();
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
        this.deadlines = new SessionDeadlines(context, subscriber -> close(subscriber, SESSION_ENDED));
        this.maxReplay = config.live().maxReplay();
        this.deadAfter = config.live().deadAfter();
        this.pings = new Pings((int) config.live().pingInterval().toSeconds());
        this.changesBroadcast = Counter.builder("livetodo.changes.broadcast")
                .description("Changes read from the change log and sent to this instance's live connections")
                .register(metrics);
        this.framesSent = Counter.builder("livetodo.live.frames.sent")
                .description("Frames sent on live connections")
                .register(metrics);
        Gauge.builder("livetodo.live.connections", openCount, AtomicInteger::get)
                .description("Open live connections")
                .register(metrics);
    }

    /** Registers a new connection and sends it {@code hello}; it is closed when its session ends. */
    public Uni<Void> open(WebSocketConnection connection, Channel channel, InboundGuard guard, CurrentUser user, long sessionEndsAtMillis) {
        Subscriber subscriber = new Subscriber(connection, channel, guard, opened.incrementAndGet(), user, sessionEndsAtMillis, maxReplay);
        return Uni.createFrom().<Void>emitter(registered -> execute(() -> {
            register(subscriber);
            registered.complete(null);
        }))
                .chain(() -> reader.opening(user.id(), user.sessionId()))
                // Built here rather than on the hub's context: its size grows with the user's lists.
                .map(opening -> new Greeting(opening, LiveMessage.frame(hello(user, opening.lists()))))
                .emitOn(this::execute)
                .invoke(greeting -> greet(subscriber, greeting))
                .onFailure().invoke(failure -> execute(() -> {
                    failed("open a live connection", failure);
                    close(subscriber, new CloseReason(SERVER_ERROR, "Could not read your lists; reconnect"));
                }))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** The client's {@code resume}: the last version it saw of each list. */
    public void resume(String connectionId, Map<Long, Long> seen) {
        execute(() -> {
            Subscriber subscriber = subscribers.get(connectionId);
            if (subscriber == null) {
                return;
            }
            if (!subscriber.greeted()) {
                subscriber.resumeAfterHello(seen);
                return;
            }
            seen.forEach((listId, version) -> resume(subscriber, listId, Math.max(0, version)));
        });
    }

    /** An answer to a client's message, bounded like everything else sent to it. */
    public void reply(String connectionId, LiveMessage message) {
        ByteBuf frame = LiveMessage.frame(message);
        execute(() -> {
            Subscriber subscriber = subscribers.get(connectionId);
            if (subscriber != null) {
                send(subscriber, frame);
            }
        });
    }

    public void closed(String connectionId) {
        execute(() -> {
            Subscriber subscriber = subscribers.get(connectionId);
            if (subscriber != null) {
                remove(subscriber);
            }
        });
    }

    @Override
    public void changed(long listId, long version, String joined) {
        execute(() -> {
            if (joined != null && announcements.firstOfJoin(listId, version)) {
                for (Subscriber added : byUsername.getOrDefault(joined, Set.of())) {
                    if (!added.follows(listId)) {
                        follow(added, listId, new Position(version - 1, version));
                    }
                }
            }
            if (version <= newestKnown(listId)) {
                return;
            }
            announcements.told(listId, version);
            if (byList.containsKey(listId)) {
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
            new ArrayList<>(byList.keySet()).forEach(this::fetch);
            if (!bySession.isEmpty()) {
                Set<Long> sessions = Set.copyOf(bySession.keySet());
                reader.activeSessions(sessions).emitOn(this::execute).subscribe().with(
                        active -> sessions.stream().filter(id -> !active.contains(id)).forEach(this::endSession),
                        failure -> failed("check the sessions of live connections", failure));
            }
            reread(Set.copyOf(byUsername.keySet()));
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
            subscribers.values().stream().filter(s -> s.guard.lastPongMillis() < deadline).toList()
                    .forEach(s -> abort(s, GOING_AWAY, "No answer to pings"));
            pings.nextTick();
            announcements.forgetOld(System.currentTimeMillis());
            ByteBuf frame = pings.frame();
            for (Subscriber subscriber : subscribers.values()) {
                if (pings.due(subscriber.sequence)) {
                    send(subscriber, frame);
                }
            }
        });
    }

    /** Whether any connection is open here, for which changes would be read. */
    @Override
    public boolean following() {
        return openCount.get() > 0;
    }

    /** Closes every connection with the given reason and completes when the close frames are sent. */
    Uni<Void> closeAll(CloseReason reason) {
        return Uni.createFrom().<List<Subscriber>>emitter(emitter -> execute(() -> {
            List<Subscriber> all = List.copyOf(subscribers.values());
            all.forEach(this::remove);
            emitter.complete(all);
        })).chain(all -> all.isEmpty() ? Uni.createFrom().voidItem()
                : Uni.join().all(all.stream().map(s -> s.connection.close(reason).onFailure().recoverWithNull()).toList())
                        .andCollectFailures().replaceWithVoid());
    }

    private void register(Subscriber subscriber) {
        if (!subscriber.connection.isOpen()) {
            return;
        }
        subscribers.put(subscriber.id(), subscriber);
        subscriber.open = true;
        byUsername.computeIfAbsent(subscriber.user.username(), k -> new HashSet<>()).add(subscriber);
        bySession.computeIfAbsent(subscriber.user.sessionId(), k -> new HashSet<>()).add(subscriber);
        deadlines.add(subscriber);
        openCount.incrementAndGet();
    }

    /**
     * Sends hello, then what waited for it. A list the user joined after the lists were read has
     * been followed already, from its {@code member.added}; the others start from hello.
     */
    private void greet(Subscriber subscriber, Greeting greeting) {
        if (!subscriber.open) {
            return;
        }
        if (!greeting.opening().sessionActive()) {
            close(subscriber, SESSION_ENDED);
            return;
        }
        Map<Long, Long> resume = new HashMap<>();
        List<ByteBuf> held = subscriber.greet(resume);
        send(subscriber, greeting.hello());
        held.forEach(frame -> send(subscriber, frame));
        for (MemberOf list : greeting.opening().lists()) {
            follow(subscriber, list.listId(), new Position(list.version(), list.joined()));
        }
        resume.forEach((listId, version) -> resume(subscriber, listId, Math.max(0, version)));
        for (long listId : List.copyOf(subscriber.followed())) {
            if (newestKnown(listId) > subscriber.position(listId).sent) {
                catchUp(subscriber, listId);
            }
        }
    }

    /**
     * Replays a list from where the client says it is, unless that would break the order (newer
     * changes went out already), reach back before the user joined, or spend more than the
     * connection's replay budget: then the client reloads the list instead.
     */
    private void resume(Subscriber subscriber, long listId, long seen) {
        Position position = subscriber.position(listId);
        if (position == null || seen >= position.sent) {
            return;
        }
        long missed = position.sent - seen;
        if (position.sent > position.start || position.catchingUp || seen < position.joined - 1 || missed > subscriber.replayBudget) {
            resync(subscriber, listId, position.sent);
            return;
        }
        subscriber.replayBudget -= missed;
        position.sent = seen;
        catchUp(subscriber, listId);
    }

    private void fetch(long listId) {
        if (!fetching.add(listId)) {
            fetchAgain.add(listId);
            return;
        }
        long after = recent.newest(listId) > 0 ? recent.newest(listId) : oldestPosition(listId);
        reader.after(listId, after, BATCH).emitOn(this::execute).subscribe().with(batch -> {
            fetching.remove(listId);
            batch.changes().forEach(this::keep);
            long oldest = Long.MAX_VALUE;
            for (Subscriber subscriber : List.copyOf(byList.getOrDefault(listId, Set.of()))) {
                pump(subscriber, listId);
                Position position = subscriber.position(listId);
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
                if (byList.containsKey(listId)) {
                    fetch(listId);
                }
            }));
        });
    }

    private void keep(Change change) {
        if (!byList.containsKey(change.listId())) {
            return;
        }
        recent.keep(change);
        changesBroadcast.increment();
    }

    /** Sends the subscriber what it has not had yet of a list, from memory, or catches up when that is not enough. */
    private void pump(Subscriber subscriber, long listId) {
        Position position = subscriber.position(listId);
        if (position == null || position.catchingUp || !subscriber.greeted()) {
            return;
        }
        while (subscriber.open && subscriber.position(listId) == position) {
            Change change = recent.get(listId, position.sent + 1);
            if (change == null) {
                if (recent.newest(listId) > position.sent + 1) {
                    catchUp(subscriber, listId);
                }
                return;
            }
            deliver(subscriber, change);
        }
    }

    private void catchUp(Subscriber subscriber, long listId) {
        Position position = subscriber.position(listId);
        if (position == null || position.catchingUp) {
            return;
        }
        position.catchingUp = true;
        long after = position.sent;
        reader.after(listId, after, BATCH).emitOn(this::execute).subscribe().with(batch -> {
            position.catchingUp = false;
            if (!subscriber.open || subscriber.position(listId) != position) {
                return;
            }
            List<Change> changes = batch.changes();
            boolean forgotten = changes.isEmpty()
                    ? batch.current() != null && batch.current() > after
                    : changes.get(0).version() != after + 1;
            if (forgotten) {
                resync(subscriber, listId, batch.current() != null ? batch.current() : changes.get(changes.size() - 1).version());
                return;
            }
            for (Change change : changes) {
                if (subscriber.position(listId) != position) {
                    return;
                }
                deliver(subscriber, change);
            }
            if (changes.size() == BATCH) {
                catchUp(subscriber, listId);
            } else {
                pump(subscriber, listId);
            }
        }, failure -> {
            position.catchingUp = false;
            failed("read the missed changes of list " + listId, failure);
            // Better a reconnect and resume than a silent gap.
            close(subscriber, new CloseReason(SERVER_ERROR, "Could not read missed changes"));
        });
    }

    private void deliver(Subscriber subscriber, Change change) {
        subscriber.position(change.listId()).sent = change.version();
        send(subscriber, change.frame());
        if (change.ends(subscriber.user.username())) {
            unfollow(subscriber, change.listId());
            if (change.type() == ChangeType.MEMBER_REMOVED) {
                // They may have been added again since; the log of that is read from their new start.
                reread(Set.of(subscriber.user.username()));
            }
        }
    }

    private void resync(Subscriber subscriber, long listId, long version) {
        subscriber.position(listId).sent = version;
        send(subscriber, LiveMessage.frame(new LiveMessage.Resync(listId)));
        pump(subscriber, listId);
    }

    /** Reads which lists the users belong to, and follows, from their joining, those their connections do not. */
    private void reread(Set<String> usernames) {
        Map<Long, String> users = new HashMap<>();
        for (String username : usernames) {
            for (Subscriber subscriber : byUsername.getOrDefault(username, Set.of())) {
                users.put(subscriber.user.id(), username);
            }
        }
        if (users.isEmpty()) {
            return;
        }
        reader.memberships(users.keySet()).emitOn(this::execute).subscribe().with(lists -> users.forEach((userId, username) -> {
            for (MemberOf list : lists.getOrDefault(userId, List.of())) {
                for (Subscriber subscriber : List.copyOf(byUsername.getOrDefault(username, Set.of()))) {
                    if (subscriber.greeted() && !subscriber.follows(list.listId())) {
                        follow(subscriber, list.listId(), new Position(Math.max(0, list.joined() - 1), list.joined()));
                        catchUp(subscriber, list.listId());
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
        List.copyOf(bySession.getOrDefault(sessionId, Set.of())).forEach(subscriber -> close(subscriber, SESSION_ENDED));
    }

    /** Queues a frame for the subscriber; nothing goes out before its hello. */
    private void send(Subscriber subscriber, ByteBuf frame) {
        if (!subscriber.open || subscriber.holdBackUntilHello(frame)) {
            return;
        }
        framesSent.increment();
        outbox.add(subscriber, frame);
    }

    private void backedUp(List<Subscriber> full) {
        full.stream().filter(s -> s.open).forEach(s -> abort(s, TRY_AGAIN_LATER, "Too many unread messages; reconnect and resume"));
    }

    /** Closes a connection whose client does not read, without waiting for it to answer the close, which it would not. */
    private void abort(Subscriber subscriber, int code, String reason) {
        remove(subscriber);
        InboundGuard guard = subscriber.channel.pipeline().get(InboundGuard.class);
        if (guard != null) {
            guard.abort(code, reason);
        } else {
            subscriber.channel.close();
        }
    }

    private void close(Subscriber subscriber, CloseReason reason) {
        remove(subscriber);
        if (subscriber.connection.isOpen()) {
            subscriber.connection.close(reason).subscribe().with(closed -> {
            }, failure -> LOG.debugf("Closing live connection failed: %s", failure.getMessage()));
        }
    }

    private void follow(Subscriber subscriber, long listId, Position position) {
        subscriber.follow(listId, position);
        byList.computeIfAbsent(listId, k -> new HashSet<>()).add(subscriber);
    }

    private void unfollow(Subscriber subscriber, long listId) {
        subscriber.unfollow(listId);
        Set<Subscriber> following = byList.get(listId);
        if (following != null) {
            following.remove(subscriber);
            if (following.isEmpty()) {
                byList.remove(listId);
                recent.forget(listId);
            }
        }
    }

    private void remove(Subscriber subscriber) {
        if (subscribers.remove(subscriber.id()) == null) {
            return;
        }
        subscriber.open = false;
        openCount.decrementAndGet();
        removeFrom(byUsername, subscriber.user.username(), subscriber);
        removeFrom(bySession, subscriber.user.sessionId(), subscriber);
        deadlines.remove(subscriber);
        List.copyOf(subscriber.followed()).forEach(listId -> unfollow(subscriber, listId));
    }

    private static <K> void removeFrom(Map<K, Set<Subscriber>> index, K key, Subscriber subscriber) {
        Set<Subscriber> set = index.get(key);
        if (set != null && set.remove(subscriber) && set.isEmpty()) {
            index.remove(key);
        }
    }

    private long oldestPosition(long listId) {
        return byList.getOrDefault(listId, Set.of()).stream()
                .mapToLong(s -> s.position(listId).sent)
                .min().orElse(0);
    }

    private long newestKnown(long listId) {
        return Math.max(recent.newest(listId), announcements.newest(listId));
    }

    private static LiveMessage.Hello hello(CurrentUser user, List<MemberOf> lists) {
        return new LiveMessage.Hello(user.username(), lists.stream().map(list -> new LiveMessage.ListVersion(list.listId(), list.version())).toList());
    }

    /** Runs the task on the hub's context: at once when already there, else queued in order. */
    void execute(Runnable task) {
        OnContext.run(context, task);
    }
}
