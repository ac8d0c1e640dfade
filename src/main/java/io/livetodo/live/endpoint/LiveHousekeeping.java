package io.livetodo.live.endpoint;

import io.livetodo.live.LiveHub;
import io.livetodo.live.wire.CloseCodes;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.CloseReason;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/** Timers around the live connections: pings, and closing on shutdown. */
@ApplicationScoped
public class LiveHousekeeping {

    private final LiveHub hub;

    LiveHousekeeping(LiveHub hub) {
        this.hub = hub;
    }

    /** Each second a slice of the connections is pinged; a round reaches all of them once per ping interval. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void ping() {
        hub.ping();
    }

    /** Runs before the HTTP server closes, so clients get 1001 and reconnect elsewhere with resume. */
    void closeConnections(@Observes ShutdownDelayInitiatedEvent event) {
        hub.closeAll(new CloseReason(CloseCodes.GOING_AWAY, "Server shutting down"))
                .await()
                .atMost(Duration.ofSeconds(5));
    }
}
