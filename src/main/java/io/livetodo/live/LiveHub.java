package io.livetodo.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.livetodo.account.CurrentUser;
import io.livetodo.common.LivetodoConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.EventLoop;
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
 * for a while, and writes the same bytes to every subscriber, on each connection's own event
 * loop. Each subscriber has its own position per list; one that falls
 * behind what is kept in memory (or resumes from further back) catches up from the change
 * log, in order, before it is sent anything newer.
 */
@Startup
@ApplicationScoped
public class LiveHub {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    static final int BATCH = 500;
    static final int GOING_AWAY = 1001;
    private static final int POLICY_VIOLATION = 1008;
    private static final int SERVER_ERROR = 1011;
    private static final int TRY_AGAIN_LATER = 1013;
    private static final int KEPT_PER_LIST = 256;

    private final Context context;
    private final ChangeReader reader;
    private final ObjectMapper json;
    private final int maxUnsent;
    private final Duration deadAfter;
    private final Counter changesBroadcast;
    private final Counter framesSent;
    private final AtomicInteger openCount = new AtomicInteger();

    private final Map<String, Subscriber> subscribers = new HashMap<>();
    private final Map<Long, Set<Subscriber>> byList = new HashMap<>();
    private final Map<String, Set<Subscriber>> byUsername = new HashMap<>();
    private final Map<Long, Set<Subscriber>> bySession = new HashMap<>();
    private final Map<Long, NavigableMap<Long, Change>> kept = new HashMap<>();
    /** Open connections by the end of their session, soonest first; one timer waits for the first. */
    private final TreeSet<Subscriber> byEndOfSession = new TreeSet<>(
            Comparator.comparingLong((Subscriber s) -> s.sessionEndsAtMillis).thenComparing(Subscriber::id));
    private long endOfSessionTimer = -1;
    private long endOfSessionTimerDue = Long.MAX_VALUE;
    private final Set<Long> fetching = new HashSet<>();
    private final Set<Long> fetchAgain = new HashSet<>();
    /** Frames to write, by the event loop of their connection; written when the hub's current task ends. */
    private Map<EventLoop, List<Outgoing>> outbox = new HashMap<>();
    private boolean outboxScheduled;
    /**
     * Versions announced in the last two sweeps: a connection that read its list versions just
     * before such a change (while its hello was on the way) knows from this to catch up.
     */
    private Map<Long, Long> announced = new HashMap<>();
    private Map<Long, Long> announcedBefore = new HashMap<>();

    LiveHub(Vertx vertx, ChangeReader reader, ObjectMapper json, LivetodoConfig config, MeterRegistry metrics) {
        // Created at start-up on the main thread, so this is a fresh event-loop context of its own.
        this.context = vertx.getOrCreateContext();
        this.reader = reader;
        this.json = json;
        this.maxUnsent = config.live().maxUnsentFrames();
        this.deadAfter = config.live().deadAfter();
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
    public Uni<Void> open(WebSocketConnection connection, Channel channel, CurrentUser user, long sessionEndsAtMillis) {
        return reader.listsOf(user.id())
                .emitOn(this::execute)
                .invoke(lists -> register(new Subscriber(connection, channel, user, sessionEndsAtMillis), lists))
                .replaceWithVoid();
    }

    /** The client's {@code resume}: the last version it saw of each list. */
    public void resume(String connectionId, Map<Long, Long> seen) {
        execute(() -> {
            Subscriber subscriber = subscribers.get(connectionId);
            if (subscriber != null) {
                seen.forEach((listId, version) -> resume(subscriber, listId, Math.max(0, version)));
            }
        });
    }

    public void pong(String connectionId) {
        execute(() -> {
            Subscriber subscriber = subscribers.get(connectionId);
            if (subscriber != null) {
                subscriber.lastPongMillis = System.currentTimeMillis();
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

    /** A change was committed (from the change feed); {@code member} is set for member changes. */
    void announced(long listId, long version, String type, String member) {
        execute(() -> {
            if (ChangeType.MEMBER_ADDED.wire().equals(type)) {
                for (Subscriber added : byUsername.getOrDefault(member, Set.of())) {
                    if (!added.follows(listId)) {
                        subscribe(added, listId, version - 1);
                    }
                }
            }
            announced.merge(listId, version, Math::max);
            if (byList.containsKey(listId)) {
                fetch(listId);
            }
        });
    }

    /** The change feed (re)connected: announcements may have been missed meanwhile. */
    void resubscribed() {
        execute(() -> new ArrayList<>(byList.keySet()).forEach(this::fetch));
    }

    /** A session ended (logout, revocation, expiry), on any instance. */
    void sessionEnded(long sessionId) {
        execute(() -> List.copyOf(bySession.getOrDefault(sessionId, Set.of()))
                .forEach(subscriber -> close(subscriber, new CloseReason(POLICY_VIOLATION, "Session ended"))));
    }

    /** Closes connections that have not answered pings, and forgets old announcements. */
    void sweep() {
        execute(() -> {
            long deadline = System.currentTimeMillis() - deadAfter.toMillis();
            subscribers.values().stream().filter(s -> s.lastPongMillis < deadline).toList()
                    .forEach(s -> close(s, new CloseReason(GOING_AWAY, "No answer to pings")));
            announcedBefore = announced;
            announced = new HashMap<>();
        });
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

    private void register(Subscriber subscriber, Map<Long, Long> lists) {
        if (!subscriber.connection.isOpen()) {
            return;
        }
        subscribers.put(subscriber.id(), subscriber);
        subscriber.open = true;
        byUsername.computeIfAbsent(subscriber.user.username(), k -> new HashSet<>()).add(subscriber);
        bySession.computeIfAbsent(subscriber.user.sessionId(), k -> new HashSet<>()).add(subscriber);
        byEndOfSession.add(subscriber);
        armEndOfSession();
        openCount.incrementAndGet();
        send(subscriber, Frames.of(hello(subscriber.user, lists)));
        lists.forEach((listId, version) -> {
            subscribe(subscriber, listId, version);
            subscriber.helloVersion.put(listId, version);
            if (newestKnown(listId) > version) {
                catchUp(subscriber, listId);
            }
        });
    }

    private void resume(Subscriber subscriber, long listId, long seen) {
        Long sent = subscriber.follows(listId) ? subscriber.lastSent(listId) : null;
        if (sent == null || seen >= sent) {
            return;
        }
        // Changes newer than hello already went out: replaying older ones now would break the
        // order, so the client reloads the list instead.
        if (sent > subscriber.helloVersion.getOrDefault(listId, sent) || subscriber.catchingUp.contains(listId)) {
            resync(subscriber, listId, sent);
            return;
        }
        subscriber.sent(listId, seen);
        catchUp(subscriber, listId);
    }

    private void fetch(long listId) {
        if (!fetching.add(listId)) {
            fetchAgain.add(listId);
            return;
        }
        NavigableMap<Long, Change> changes = kept.get(listId);
        long after = changes != null && !changes.isEmpty() ? changes.lastKey() : oldestPosition(listId);
        reader.after(listId, after, BATCH).emitOn(this::execute).subscribe().with(batch -> {
            fetching.remove(listId);
            batch.changes().forEach(this::keep);
            long oldest = Long.MAX_VALUE;
            for (Subscriber subscriber : List.copyOf(byList.getOrDefault(listId, Set.of()))) {
                pump(subscriber, listId);
                oldest = Math.min(oldest, subscriber.lastSentOr(listId, Long.MAX_VALUE));
            }
            forgetDelivered(listId, oldest);
            if (fetchAgain.remove(listId) || batch.changes().size() == BATCH) {
                fetch(listId);
            }
        }, failure -> {
            fetching.remove(listId);
            fetchAgain.remove(listId);
            LOG.warnf("Could not read changes of list %d, trying again in a second: %s", listId, failure.getMessage());
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
        NavigableMap<Long, Change> changes = kept.computeIfAbsent(change.listId(), k -> new TreeMap<>());
        changes.put(change.version(), change);
        while (changes.size() > KEPT_PER_LIST) {
            changes.pollFirstEntry();
        }
        changesBroadcast.increment();
    }

    /**
     * Frames are kept only until every subscriber here has had them; one that falls behind reads
     * the change log. The newest of them stays, to mark where the next read starts.
     */
    private void forgetDelivered(long listId, long oldestPosition) {
        NavigableMap<Long, Change> changes = kept.get(listId);
        if (changes != null) {
            changes.headMap(Math.min(oldestPosition, changes.isEmpty() ? 0 : changes.lastKey()), false).clear();
        }
    }

    /** Sends the subscriber what it has not had yet of a list, from memory, or catches up when that is not enough. */
    private void pump(Subscriber subscriber, long listId) {
        if (subscriber.catchingUp.contains(listId)) {
            return;
        }
        NavigableMap<Long, Change> changes = kept.get(listId);
        while (changes != null && subscriber.open && subscriber.follows(listId)) {
            long next = subscriber.lastSent(listId) + 1;
            Change change = changes.get(next);
            if (change == null) {
                if (!changes.isEmpty() && changes.lastKey() > next) {
                    catchUp(subscriber, listId);
                }
                return;
            }
            deliver(subscriber, change);
        }
    }

    private void catchUp(Subscriber subscriber, long listId) {
        if (!subscriber.catchingUp.add(listId)) {
            return;
        }
        long after = subscriber.lastSent(listId);
        reader.after(listId, after, BATCH).emitOn(this::execute).subscribe().with(batch -> {
            subscriber.catchingUp.remove(listId);
            if (!subscriber.open || !subscriber.follows(listId)) {
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
                if (!subscriber.follows(listId)) {
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
            subscriber.catchingUp.remove(listId);
            LOG.warnf("Could not catch up list %d: %s", listId, failure.getMessage());
            // Better a reconnect and resume than a silent gap.
            close(subscriber, new CloseReason(SERVER_ERROR, "Could not read missed changes"));
        });
    }

    private void deliver(Subscriber subscriber, Change change) {
        subscriber.sent(change.listId(), change.version());
        send(subscriber, change.frame());
        if (change.ends(subscriber.user.username())) {
            unsubscribe(subscriber, change.listId());
        }
    }

    private void resync(Subscriber subscriber, long listId, long version) {
        subscriber.sent(listId, version);
        send(subscriber, Frames.of("{\"type\":\"resync\",\"list_id\":" + listId + "}"));
        pump(subscriber, listId);
    }

    /**
     * Queues a frame for the subscriber's event loop. Frames queued while the hub handles one event
     * (typically one change for every follower of a list) go out together: one task per event
     * loop and one flush per connection. The frame is already encoded as WebSocket bytes, so it is
     * written straight to the socket's pipeline, past the WebSocket extension and its per-message
     * futures, which cost more than the write itself with ten thousand followers.
     */
    private void send(Subscriber subscriber, ByteBuf frame) {
        if (!subscriber.open) {
            return;
        }
        framesSent.increment();
        outbox.computeIfAbsent(subscriber.channel.eventLoop(), k -> new ArrayList<>())
                .add(new Outgoing(subscriber, frame));
        if (!outboxScheduled) {
            outboxScheduled = true;
            context.runOnContext(ignored -> flushOutbox());
        }
    }

    private record Outgoing(Subscriber subscriber, ByteBuf frame) {
    }

    private void flushOutbox() {
        outboxScheduled = false;
        Map<EventLoop, List<Outgoing>> batches = outbox;
        outbox = new HashMap<>();
        batches.forEach((loop, frames) -> loop.execute(() -> write(frames)));
    }

    /**
     * On the connections' own event loop. A connection that still holds {@code maxUnsent} frames
     * it could not write (its client does not read) is closed with 1013 instead.
     */
    private void write(List<Outgoing> frames) {
        List<Subscriber> backedUp = new ArrayList<>();
        ChannelOutboundInvoker unflushed = null;
        for (Outgoing outgoing : frames) {
            Subscriber subscriber = outgoing.subscriber();
            ChannelOutboundBuffer unsent = subscriber.channel.unsafe().outboundBuffer();
            if (unsent == null) {
                continue;
            }
            if (unsent.size() >= maxUnsent) {
                backedUp.add(subscriber);
                continue;
            }
            ChannelOutboundInvoker writer = subscriber.writer();
            if (unflushed != null && unflushed != writer) {
                unflushed.flush();
            }
            writer.write(outgoing.frame().duplicate(), writer.voidPromise());
            unflushed = writer;
        }
        if (unflushed != null) {
            unflushed.flush();
        }
        if (!backedUp.isEmpty()) {
            execute(() -> backedUp.stream().filter(s -> s.open)
                    .forEach(s -> close(s, new CloseReason(TRY_AGAIN_LATER, "Too many unread messages; reconnect and resume"))));
        }
    }

    private void close(Subscriber subscriber, CloseReason reason) {
        remove(subscriber);
        subscriber.connection.close(reason).subscribe().with(closed -> {
        }, failure -> LOG.debugf("Closing live connection failed: %s", failure.getMessage()));
    }

    private void subscribe(Subscriber subscriber, long listId, long version) {
        subscriber.sent(listId, version);
        byList.computeIfAbsent(listId, k -> new HashSet<>()).add(subscriber);
    }

    private void unsubscribe(Subscriber subscriber, long listId) {
        subscriber.unfollow(listId);
        subscriber.helloVersion.remove(listId);
        Set<Subscriber> following = byList.get(listId);
        if (following != null) {
            following.remove(subscriber);
            if (following.isEmpty()) {
                byList.remove(listId);
                kept.remove(listId);
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
        byEndOfSession.remove(subscriber);
        List.copyOf(subscriber.followed()).forEach(listId -> unsubscribe(subscriber, listId));
    }

    /** Closes the connections whose session has reached its end of life (1008), and waits for the next. */
    private void endSessions() {
        endOfSessionTimer = -1;
        endOfSessionTimerDue = Long.MAX_VALUE;
        long now = System.currentTimeMillis();
        while (!byEndOfSession.isEmpty() && byEndOfSession.first().sessionEndsAtMillis <= now) {
            close(byEndOfSession.first(), new CloseReason(POLICY_VIOLATION, "Session ended"));
        }
        armEndOfSession();
    }

    private void armEndOfSession() {
        if (byEndOfSession.isEmpty()) {
            return;
        }
        long due = byEndOfSession.first().sessionEndsAtMillis;
        if (due >= endOfSessionTimerDue) {
            return;
        }
        if (endOfSessionTimer != -1) {
            context.owner().cancelTimer(endOfSessionTimer);
        }
        endOfSessionTimerDue = due;
        long delay = Math.max(1, due - System.currentTimeMillis());
        endOfSessionTimer = context.owner().setTimer(delay, timer -> execute(this::endSessions));
    }

    private static <K> void removeFrom(Map<K, Set<Subscriber>> index, K key, Subscriber subscriber) {
        Set<Subscriber> set = index.get(key);
        if (set != null && set.remove(subscriber) && set.isEmpty()) {
            index.remove(key);
        }
    }

    private long oldestPosition(long listId) {
        return byList.getOrDefault(listId, Set.of()).stream()
                .mapToLong(s -> s.lastSentOr(listId, 0))
                .min().orElse(0);
    }

    private long newestKnown(long listId) {
        NavigableMap<Long, Change> changes = kept.get(listId);
        long newest = changes == null || changes.isEmpty() ? 0 : changes.lastKey();
        return Math.max(newest, Math.max(announced.getOrDefault(listId, 0L), announcedBefore.getOrDefault(listId, 0L)));
    }

    private String hello(CurrentUser user, Map<Long, Long> lists) {
        List<Map<String, Long>> versions = new ArrayList<>();
        lists.forEach((id, version) -> versions.add(Map.of("id", id, "version", version)));
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("user", user.username());
        hello.put("lists", versions);
        try {
            return json.writeValueAsString(hello);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("hello is plain data", e);
        }
    }

    /** Runs the task on the hub's context: at once when already there, else queued in order. */
    void execute(Runnable task) {
        if (Vertx.currentContext() == context) {
            task.run();
        } else {
            context.runOnContext(ignored -> task.run());
        }
    }
}
