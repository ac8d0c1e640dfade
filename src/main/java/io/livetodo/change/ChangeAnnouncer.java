package io.livetodo.change;

import io.livetodo.change.ChangeLog.Recorded;
import io.livetodo.common.DatabaseErrors;
import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.quarkus.runtime.Startup;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Tells every instance's {@link ChangeFeed} of committed changes, on the {@link ClusterBus}, after their
 * transactions: a NOTIFY inside the transaction made every writer of the cluster queue for one
 * lock at commit. Changes committed while a NOTIFY is on its way go together in the next one, so
 * under load many share it.
 *
 * <p>An announcement is a hint to read the change log, and so may be lost: to an instance that
 * dies after a commit and before the NOTIFY. Every instance's feed sweeps the recent log for what
 * it was not told, but only the last few seconds of it: so an announcement never waits for a
 * connection of the pool, which writers piled on a busy list may hold for a while ({@link NotifyBus}),
 * and one that fails is sent again until it is sent.
 */
@Startup
@ApplicationScoped
public class ChangeAnnouncer {

    private static final Logger LOG = Logger.getLogger(ChangeAnnouncer.class);
    /** Payloads sent in one statement, each a NOTIFY of its own; what is left waits for the next. */
    private static final int MOST_AT_ONCE = 1000;

    private static final long RETRY_MILLIS = 1_000;

    private final Context context;
    private final ClusterBus bus;
    private final DatabaseOutage outage;
    private final long lingerMillis;
    private final List<String> waiting = new ArrayList<>();
    private boolean sending;

    @Inject
    ChangeAnnouncer(Vertx vertx, ClusterBus bus, DatabaseOutage outage, LivetodoConfig config) {
        // Created at start-up on the main thread, so this is a fresh event-loop context of its own.
        this(
                vertx.getOrCreateContext(),
                bus,
                outage,
                config.live().announceLinger().toMillis());
    }

    /** Sends from the given context, after waiting {@code lingerMillis} for more changes to send with the first. */
    ChangeAnnouncer(Context context, ClusterBus bus, DatabaseOutage outage, long lingerMillis) {
        this.context = context;
        this.bus = bus;
        this.outage = outage;
        this.lingerMillis = lingerMillis;
    }

    /** Announces changes whose transaction has committed. */
    void announce(List<Recorded> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<String> payloads = changes.stream().map(Recorded::payload).toList();
        context.runOnContext(ignored -> {
            waiting.addAll(payloads);
            if (!sending) {
                sending = true;
                if (lingerMillis > 0) {
                    context.owner().setTimer(lingerMillis, timer -> send());
                } else {
                    send();
                }
            }
        });
    }

    private void send() {
        List<String> batch = waiting.subList(0, Math.min(waiting.size(), MOST_AT_ONCE));
        List<String> payloads = List.copyOf(batch);
        batch.clear();
        bus.publish(ClusterBus.Topic.CHANGES, payloads)
                .subscribe()
                .with(
                        sent -> context.runOnContext(ignored -> sent()),
                        failure -> context.runOnContext(ignored -> {
                            if (DatabaseErrors.isUnavailable(failure)) {
                                outage.noticed(DatabaseErrors.describe(failure));
                            } else {
                                LOG.warnf(
                                        "Could not announce %d changes (trying again in a second): %s",
                                        payloads.size(), failure.getMessage());
                            }
                            waiting.addAll(0, payloads);
                            context.owner().setTimer(RETRY_MILLIS, timer -> context.runOnContext(again -> send()));
                        }));
    }

    private void sent() {
        if (waiting.isEmpty()) {
            sending = false;
        } else {
            send();
        }
    }
}
