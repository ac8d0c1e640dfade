package io.livetodo.change;

import io.livetodo.change.ChangeLog.Recorded;
import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.common.OnContext;
import io.livetodo.common.ReactivePool;
import io.quarkus.arc.All;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Listens on the {@link ClusterBus}'s channels, on a connection of its own: for each committed
 * change ({@link ChangeAnnouncer}), each ended session and who looks at which list; and tells its
 * {@link ChangeListener}, {@link SessionListener}s and {@link PresenceListener}. This is how a change made through any
 * instance reaches the live connections of all of them, and how every instance's session cache
 * hears that a session ended.
 *
 * <p>A change's announcement is sent after its commit, so the instance that made it may die in
 * between: {@link ChangeSweep} tells again, each second, what changed in the last seconds.
 *
 * <p>It must not die silently. Its connection is made with the pool's own settings; the first
 * attempt is retried like any later one; a query every {@code feed-heartbeat} that stays
 * unanswered for a whole beat has it replaced. While it is not listening the instance is not ready;
 * once it listens again, its listeners re-read whatever they may have missed. Its state is
 * confined to a Vert.x context of its own.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

    private static final long RECONNECT_MILLIS = 1_000;
    private final Vertx vertx;
    private final Context context;
    private final ChangeListener changes;
    private final List<SessionListener> sessions;
    private final PresenceListener presence;
    private final ReactivePool reactivePool;
    private final DatabaseOutage outage;
    private final long heartbeatMillis;
    /** Touched on the feed's context only. */
    private volatile PgSubscriber subscriber;

    private long unansweredSinceMillis;
    private volatile boolean listening;
    private volatile boolean stopping;
    private long heartbeatTimer = -1;

    /** The pool is asked for before the pool creator, so that it exists, and with it the options it was made with. */
    ChangeFeed(
            Vertx vertx,
            ChangeListener changes,
            @All List<SessionListener> sessions,
            PresenceListener presence,
            Pool pool,
            ReactivePool poolCreator,
            DatabaseOutage outage,
            LivetodoConfig config) {
        this.vertx = vertx;
        // Created at start-up on the main thread, so this is a fresh event-loop context of its own.
        this.context = vertx.getOrCreateContext();
        this.changes = changes;
        this.sessions = sessions;
        this.presence = presence;
        this.reactivePool = poolCreator;
        this.outage = outage;
        this.heartbeatMillis = config.live().feedHeartbeat().toMillis();
    }

    void start(@Observes StartupEvent event) {
        execute(this::connect);
        heartbeatTimer = vertx.setPeriodic(heartbeatMillis, timer -> execute(this::heartbeat));
    }

    /** Waits a moment for the connection to close, so that it does not finish after the event loops have gone. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        vertx.cancelTimer(heartbeatTimer);
        PgSubscriber current = subscriber;
        PgConnection connection = current == null ? null : current.actualConnection();
        if (current != null) {
            current.close();
        }
        if (connection != null) {
            try {
                connection.close().toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                // Closing anyway; the process is about to end.
            }
        }
    }

    /** True while the feed's connection is up and listening. */
    public boolean listening() {
        return listening;
    }

    private void connect() {
        PgSubscriber next = PgSubscriber.subscriber(
                        vertx, reactivePool.copyOfOptions().addProperty("application_name", "livetodo change feed"))
                .reconnectPolicy(this::reconnectAfter);
        next.channel(ClusterBus.Topic.CHANGES.channel)
                .handler(payload -> {
                    if (subscriber == next) {
                        changed(payload);
                    }
                })
                .subscribeHandler(ignored -> {
                    PgConnection connection = next.actualConnection();
                    if (subscriber == next && connection != null) {
                        ReactivePool.handlingFailures(connection);
                        listening = true;
                        changes.missedChanges();
                    }
                });
        next.channel(ClusterBus.Topic.SESSIONS.channel)
                .handler(payload -> {
                    if (subscriber == next) {
                        long sessionId = Long.parseLong(payload);
                        sessions.forEach(listener -> listener.sessionEnded(sessionId));
                    }
                })
                .subscribeHandler(ignored -> {
                    if (subscriber == next) {
                        sessions.forEach(SessionListener::listening);
                    }
                });
        next.channel(ClusterBus.Topic.PRESENCE.channel).handler(payload -> {
            if (subscriber == next) {
                presence.heard(payload);
            }
        });
        subscriber = next;
        unansweredSinceMillis = 0;
        // A subscriber retries only connections it once had; a first attempt that fails is retried here, afresh.
        next.connect().onFailure(failure -> {
            lost("the change feed cannot connect: " + failure.getMessage());
            next.close();
            if (!stopping && subscriber == next) {
                vertx.setTimer(RECONNECT_MILLIS, timer -> execute(this::connect));
            }
        });
    }

    /** Called when the connection is lost and after each failed attempt to make it again. */
    private long reconnectAfter(int attempts) {
        if (attempts == 0) {
            lost("the change feed lost its connection");
        }
        return stopping ? -1 : RECONNECT_MILLIS;
    }

    private void lost(String why) {
        listening = false;
        sessions.forEach(SessionListener::lost);
        if (!stopping) {
            outage.noticed(why);
        }
    }

    /**
     * Asks the feed's connection a question each beat. One left unanswered for a whole beat means
     * the connection is half-open (the server or the network went without a word), which TCP may
     * not notice for many minutes: it is abandoned for a new one. Closing it would wait for the
     * silent side to agree.
     */
    private void heartbeat() {
        PgSubscriber current = subscriber;
        PgConnection connection = current == null ? null : current.actualConnection();
        if (connection == null || stopping) {
            return;
        }
        long now = System.currentTimeMillis();
        if (unansweredSinceMillis == 0) {
            unansweredSinceMillis = now;
            connection
                    .query("select 1")
                    .execute()
                    .onSuccess(answered -> execute(() -> {
                        if (subscriber == current) {
                            unansweredSinceMillis = 0;
                        }
                    }));
        } else if (now - unansweredSinceMillis > heartbeatMillis) {
            lost("the change feed's connection stopped answering");
            current.close();
            connect();
        }
    }

    private void changed(String payload) {
        Recorded change = Recorded.ofPayload(payload);
        changes.changed(change.listId(), change.version(), change.joined());
    }

    private void execute(Runnable task) {
        OnContext.run(context, task);
    }
}
