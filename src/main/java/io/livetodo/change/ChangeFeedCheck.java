package io.livetodo.change;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the change feed is not listening: live connections here would hear of no change. */
@Readiness
@ApplicationScoped
public class ChangeFeedCheck implements HealthCheck {

    private final ChangeFeed feed;

    ChangeFeedCheck(ChangeFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("livetodo change feed")
                .status(feed.listening())
                .build();
    }
}
