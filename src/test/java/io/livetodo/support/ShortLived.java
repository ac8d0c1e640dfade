package io.livetodo.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service with its timers and history set short: pings each second, the change feed checked
 * each second, idle HTTP connections closed after two seconds, five changes kept per list.
 */
public class ShortLived implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "livetodo.live.ping-interval", "PT1S",
                "livetodo.live.dead-after", "PT3S",
                "livetodo.live.feed-heartbeat", "PT1S",
                "quarkus.http.idle-timeout", "PT2S",
                "livetodo.history.max-per-list", "5");
    }
}
