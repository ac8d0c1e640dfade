package io.livetodo.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service with its limits, quotas, timers and history set low, for the tests that go past
 * them: pings each second, the change feed checked each second, idle HTTP connections closed
 * after two and a half seconds (a second and a half more than a ping takes to come, for a busy
 * machine, whose timers run late), five changes kept per list and five replayed per connection, a pool of six connections.
 * One profile for all of these, as each profile costs the suite a build and a start of its own.
 */
public class LowLimits implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("livetodo.live.max-messages-per-second", "50"),
                Map.entry("livetodo.live.max-unsent-frames", "8"),
                Map.entry("livetodo.live.socket-send-buffer", "4096"),
                Map.entry("livetodo.live.max-replay", "5"),
                Map.entry("livetodo.live.ping-interval", "PT1S"),
                Map.entry("livetodo.live.dead-after", "PT3S"),
                Map.entry("livetodo.live.feed-heartbeat", "PT1S"),
                Map.entry("livetodo.quota.live-connections-per-user", "3"),
                Map.entry("livetodo.quota.lists-per-user", "3"),
                Map.entry("livetodo.quota.members-per-list", "3"),
                Map.entry("livetodo.history.max-per-list", "5"),
                Map.entry("quarkus.http.idle-timeout", "PT2.5S"),
                Map.entry("quarkus.datasource.reactive.max-size", "6"));
    }
}
