package io.livetodo.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetodo.account.CurrentUser;
import io.livetodo.change.ChangeListener;
import io.livetodo.change.PresenceListener;
import io.livetodo.change.SessionListener;
import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.common.OnContext;
import io.livetodo.live.ChangeReader.Opening;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.quarkus.runtime.Startup;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * This instance's live connections: they open, follow lists, are sent changes, are pinged, and
 * close.
 *
 * <p>All its state is owned by one Vert.x context and touched only there, so it needs no locks:
 * public methods hop onto that context. Its parts: {@link Followers} (who is connected and
 * follows what), {@link Delivery} (which change each follower is sent, and when) with the
 * {@link RecentChanges} it keeps, the {@link Outbox} (frames written to sockets, and the bound on
 * unread ones), {@link Closing} (how connections end), {@link Announcements} (what this instance
 * has been told) and {@link Pings}.
 *
 * <p>A connection is registered before its lists are read, so that nothing that happens while
 * it opens (its session ending, its user joining a list) passes it by; it is sent nothing until
 * its {@code hello}.
 */
@Startup
@ApplicationScoped
public class LiveHub implements ChangeListener, SessionListener, PresenceListener {

    static final int GOING_AWAY = 1001;
    static final int POLICY_VIOLATION = 1008;
    private static final int SERVER_ERROR = 1011;
    static final int TRY_AGAIN_LATER = 1013;
    /** Twice as long as a change may be told again. */
    private static final int KEPT_PER_LIST = 256;
    private static final long REMEMBERED_MILLIS = 2_000L * ChangeListener.TOLD_AGAIN_WITHIN_SECONDS;

    private record Greeting(Opening opening, Frame hello) {
    }

    private final Context context;
    private final ChangeReader reader;
    private final ReadFailures failures;
    private final Outbox outbox;
    private final long maxReplay;
    private final Duration deadAfter;

    private final Followers followers = new Followers();
    private final Delivery delivery;
    private final Closing closing;
    private final Presence presence;
    private final Announcements announcements = new Announcements(REMEMBERED_MILLIS, System.currentTimeMillis());
    private final Pings pings;
    private final AtomicLong opened = new AtomicLong();

    LiveHub(Vertx vertx, ChangeReader reader, Pool pool, DatabaseOutage outage, LivetodoConfig config, MeterRegistry metrics) {
        // Created at start-up on the main thread, so this is a fresh event-loop context of its own.
        this.context = vertx.getOrCreateContext();
        this.reader = reader;
        this.failures = new ReadFailures(outage);
        RecentChanges recent = new RecentChanges(KEPT_PER_LIST);
        this.closing = new Closing(context, followers, recent::forget, this::gone);
        this.outbox = new Outbox(context, config.live().maxUnsentFrames(), closing::backedUp,
                Counter.builder("livetodo.live.frames.sent").description("Frames sent on live connections").register(metrics));
        this.maxReplay = config.live().maxReplay();
        this.deadAfter = config.live().deadAfter();
        this.pings = new Pings((int) config.live().pingInterval().toSeconds());
        Counter changesBroadcast = Counter.builder("livetodo.changes.broadcast")
                .description("Changes read from the change log and sent to this instance's live connections")
                .register(metrics);
        this.presence = new Presence(context, followers, outbox::send, pool, failures, config.live().pingInterval());
        this.delivery = new Delivery(context, reader, followers, recent, announcements, outbox::send, closing::close,
                presence::unfollowed, failures, changesBroadcast);
        Gauge.builder("livetodo.live.connections", followers.count(), AtomicInteger::get)
                .description("Open live connections")
                .register(metrics);
    }

    /** Registers a new WebSocket connection and sends it {@code hello}; it is closed when its session ends. */
    public Uni<Void> open(WebSocketConnection connection, Channel channel, InboundGuard guard, CurrentUser user, long sessionEndsAtMillis) {
        return open(new Follower(new WebSocketTransport(connection, channel), guard, opened.incrementAndGet(), user, sessionEndsAtMillis,
                maxReplay));
    }

    /**
     * Registers a new event stream on the socket, whose response headers have been sent (called on
     * the socket's event loop), and sends it {@code hello}, then resumes each list from where the
     * client says it was.
     */
    void openStream(Channel channel, CurrentUser user, long sessionEndsAtMillis, Map<Long, Long> seen) {
        long sequence = opened.incrementAndGet();
        Follower follower = new Follower(new EventStream("events-" + sequence, channel), null, sequence, user, sessionEndsAtMillis,
                maxReplay);
        channel.closeFuture().addListener(closed -> closed(follower.id()));
        open(follower).subscribe().with(opened -> {
        });
        if (!seen.isEmpty()) {
            resume(follower.id(), seen);
        }
    }

    private Uni<Void> open(Follower follower) {
        CurrentUser user = follower.user;
        return Uni.createFrom().<Void>emitter(registered -> execute(() -> {
            closing.register(follower);
            registered.complete(null);
        }))
                .chain(() -> reader.opening(user.id(), user.sessionId()))
                // Built here rather than on the hub's context: its size grows with the user's lists.
                .map(opening -> new Greeting(opening, LiveMessage.frame(LiveMessage.Hello.of(user.username(), opening.lists()))))
                .emitOn(this::execute)
                .invoke(greeting -> delivery.greet(follower, greeting.opening(), greeting.hello()))
                .onFailure().invoke(failure -> execute(() -> {
                    failures.failed("open a live connection", failure);
                    closing.close(follower, new CloseReason(SERVER_ERROR, "Could not read your lists; reconnect"));
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
            seen.forEach((listId, version) -> delivery.resume(follower, listId, Math.max(0, version)));
        });
    }

    /** The client's {@code watch}: the list it looks at now, one it follows, or none (null). */
    public void watch(String connectionId, Long listId) {
        execute(() -> {
            Follower follower = followers.get(connectionId);
            if (follower != null) {
                presence.watch(follower, listId);
            }
        });
    }

    @Override
    public void heard(String payload) {
        execute(() -> presence.heard(payload));
    }

    /** An answer to a client's message, bounded like everything else sent to it. */
    public void reply(String connectionId, LiveMessage message) {
        Frame frame = LiveMessage.frame(message);
        execute(() -> {
            Follower follower = followers.get(connectionId);
            if (follower != null) {
                outbox.send(follower, frame);
            }
        });
    }

    public void closed(String connectionId) {
        execute(() -> {
            Follower follower = followers.get(connectionId);
            if (follower != null) {
                closing.remove(follower);
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
            if (version <= delivery.newestKnown(listId)) {
                return;
            }
            announcements.told(listId, version);
            if (followers.followed(listId)) {
                delivery.fetch(listId);
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
            new ArrayList<>(followers.lists()).forEach(delivery::fetch);
            if (!followers.sessions().isEmpty()) {
                Set<Long> sessions = Set.copyOf(followers.sessions());
                reader.activeSessions(sessions).emitOn(this::execute).subscribe().with(
                        active -> sessions.stream().filter(id -> !active.contains(id)).forEach(closing::endSession),
                        failure -> failures.failed("check the sessions of live connections", failure));
            }
            delivery.reread(Set.copyOf(followers.usernames()));
        });
    }

    @Override
    public void sessionEnded(long sessionId) {
        execute(() -> closing.endSession(sessionId));
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
            followers.all().stream().filter(s -> s.guard != null && s.guard.lastPongMillis() < deadline).toList()
                    .forEach(s -> closing.abort(s, GOING_AWAY, "No answer to pings"));
            pings.nextTick();
            announcements.forgetOld(System.currentTimeMillis());
            Frame frame = pings.frame();
            for (Follower follower : followers.all()) {
                if (pings.due(follower.sequence)) {
                    outbox.send(follower, frame);
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
        return Uni.createFrom().<Uni<Void>>emitter(emitter -> execute(() -> emitter.complete(closing.closeAll(reason))))
                .chain(closes -> closes);
    }

    private void gone(Follower follower) {
        presence.left(follower);
    }

    /** Runs the task on the hub's context: at once when already there, else queued in order. */
    void execute(Runnable task) {
        OnContext.run(context, task);
    }
}
