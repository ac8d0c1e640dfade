package io.livetodo.live;

import io.livetodo.change.ChangeListener;
import io.livetodo.change.ClusterBus;
import io.livetodo.change.PresenceListener;
import io.livetodo.change.SessionListener;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.live.wire.Frame;
import io.livetodo.live.wire.LiveMessage;
import io.livetodo.live.wire.Resumption;
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
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * This instance's live connections, as the rest of the application sees them: the transports
 * open connections and pass on what clients send, the change feed tells of changes and ended
 * sessions, and timers ping. Each call hops onto the one Vert.x context that the {@link Hub}
 * (the core, which decides what each connection is sent) is confined to, with the
 * {@link Outbox} that writes frames to sockets, {@link Presence} and {@link Pings}.
 */
@Startup
@ApplicationScoped
public class LiveHub implements ChangeListener, SessionListener, PresenceListener {

    private final HubLoop loop;
    private final Hub hub;
    private final Presence presence;
    private final Pings pings;
    private final LivetodoConfig.Live live;
    private final StreamPlaceTable streamPlaces;
    private final AtomicLong opened = new AtomicLong();

    LiveHub(
            Vertx vertx,
            ChangeReader reader,
            StreamPlaceTable streamPlaces,
            ClusterBus bus,
            DatabaseOutage outage,
            LivetodoConfig config,
            MeterRegistry metrics) {
        // Created at start-up on the main thread, so this is a fresh event-loop context of its own.
        Context context = vertx.getOrCreateContext();
        this.loop = HubLoop.of(context);
        ReadFailures failures = ReadFailures.logged(outage);
        this.live = config.live();
        this.streamPlaces = streamPlaces;
        this.pings = new Pings((int) live.pingInterval().toSeconds());
        Outbox outbox = new Outbox(
                context,
                live.maxUnsentFrames(),
                this::backedUp,
                Counter.builder("livetodo.live.frames.sent")
                        .description("Frames sent on live connections")
                        .register(metrics));
        Counter changesBroadcast = Counter.builder("livetodo.changes.broadcast")
                .description("Changes read from the change log and sent to this instance's live connections")
                .register(metrics);
        this.hub = new Hub(
                loop,
                reader,
                outbox,
                failures,
                new Departures() {
                    @Override
                    public void unfollowed(Follower follower, long listId) {
                        presence.unfollowed(follower, listId);
                    }

                    @Override
                    public void gone(Follower follower) {
                        presence.left(follower);
                    }
                },
                streamPlaces,
                changesBroadcast,
                live.resumeWait().toMillis());
        this.presence = new Presence(
                loop, hub.followers(), hub::send, PresenceBus.over(bus, failures), pings, live.pingInterval());
        Gauge.builder("livetodo.live.connections", hub.followers().count(), AtomicInteger::get)
                .description("Open live connections")
                .register(metrics);
    }

    /** Registers a new WebSocket connection and sends it {@code hello}; it is closed when its session ends. */
    public void open(
            WebSocketConnection connection,
            Channel channel,
            InboundGuard guard,
            CurrentUser user,
            long sessionEndsAtMillis) {
        Follower follower = new Follower(
                new WebSocketTransport(connection, channel),
                guard,
                opened.incrementAndGet(),
                user,
                sessionEndsAtMillis,
                live.maxReplay());
        loop.execute(() -> hub.open(follower));
    }

    /**
     * Registers a new event stream on the socket, whose response headers have been sent (called on
     * the socket's event loop), and sends it {@code hello}, then resumes each list from where the
     * request says the client was: hello waits for nothing, or for the place an earlier stream's
     * event id names to be found. The stream ends, for its browser to reconnect, within the
     * dead-after period: a stream has no way back for pongs, so this is how one whose client
     * vanished or stopped reading is found out.
     */
    public void openStream(Channel channel, CurrentUser user, long sessionEndsAtMillis, Resumption from) {
        long sequence = opened.incrementAndGet();
        Follower follower = new Follower(
                new EventStream("events-" + sequence, channel),
                null,
                sequence,
                user,
                sessionEndsAtMillis,
                live.maxReplay(),
                StreamPlace.fresh());
        follower.heard = from.token() == null;
        channel.closeFuture().addListener(closed -> closed(follower.id()));
        loop.execute(() -> {
            follower.streamEndsAtMillis = loop.nowMillis() + EventStream.lifetimeMillis(live.deadAfter());
            hub.open(follower);
            if (!follower.open) {
                return;
            }
            if (from.token() != null) {
                hub.resumeStream(follower, from.token(), from.event());
            } else if (!from.seen().isEmpty()) {
                hub.resume(follower, from.seen());
            }
        });
    }

    /** The client's {@code resume}: the last version it saw of each list. */
    public void resume(String connectionId, Map<Long, Long> seen) {
        onFollower(connectionId, follower -> hub.resume(follower, seen));
    }

    /** The client's {@code watch}: the list it looks at now, one it follows, or none (null). */
    public void watch(String connectionId, Long listId) {
        onFollower(connectionId, follower -> {
            hub.heard(follower);
            presence.watch(follower, listId);
        });
    }

    @Override
    public void heard(String payload) {
        loop.execute(() -> presence.heard(payload));
    }

    /** An answer to a client's message, bounded like everything else sent to it. */
    public void reply(String connectionId, LiveMessage message) {
        Frame frame = LiveMessage.frame(message);
        onFollower(connectionId, follower -> {
            hub.heard(follower);
            hub.send(follower, frame);
        });
    }

    public void closed(String connectionId) {
        onFollower(connectionId, follower -> hub.closing().remove(follower));
    }

    @Override
    public void changed(long listId, long version, String joined) {
        loop.execute(() -> hub.changed(listId, version, joined));
    }

    @Override
    public void missedChanges() {
        loop.execute(hub::missedChanges);
    }

    @Override
    public void sessionEnded(long sessionId) {
        loop.execute(() -> hub.closing().endSession(sessionId));
    }

    /** The guard of a new WebSocket's inbound side, which checks its pongs against this hub's pings. */
    public InboundGuard guard(int maxMessagesPerSecond, int maxMessageBytes, int maxUnsentFrames) {
        return new InboundGuard(pings, maxMessagesPerSecond, maxMessageBytes, maxUnsentFrames);
    }

    /**
     * Each second: ends the connections that have not answered a ping for too long and the event
     * streams due for renewal ({@link Closing#endSilentAndDue}), and pings this second's slice of
     * the others (through the {@link Outbox}, like every other frame).
     */
    public void ping() {
        loop.execute(() -> {
            long now = loop.nowMillis();
            hub.closing().endSilentAndDue(now - live.deadAfter().toMillis(), now);
            hub.tick();
            pings.nextTick(hub.followers().all(), hub::send);
        });
    }

    /** Whether any connection is open here, for which changes would be read. */
    @Override
    public boolean following() {
        return hub.followers().count().get() > 0;
    }

    /** Closes every connection with the given reason; completes when the close frames are sent and the event streams' places kept. */
    public Uni<Void> closeAll(CloseReason reason) {
        return Uni.createFrom()
                .<Uni<Void>>emitter(emitter -> loop.execute(() -> emitter.complete(hub.closeAll(reason))))
                .chain(closes -> closes)
                .chain(streamPlaces::written);
    }

    /** The {@link Outbox}'s: these connections hold as many unsent frames as they may. */
    private void backedUp(List<Follower> full) {
        hub.backedUp(full);
    }

    private void onFollower(String connectionId, Consumer<Follower> task) {
        loop.execute(() -> {
            Follower follower = hub.followers().get(connectionId);
            if (follower != null) {
                task.accept(follower);
            }
        });
    }
}
