package io.livetodo.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The service with its limits and quotas set low, for the tests that go past them. */
public class LowLimits implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "livetodo.live.max-messages-per-second", "50",
                "livetodo.live.max-unsent-frames", "8",
                "livetodo.live.socket-send-buffer", "4096",
                "livetodo.live.max-replay", "50",
                "livetodo.quota.live-connections-per-user", "3",
                "livetodo.quota.lists-per-user", "3",
                "livetodo.quota.members-per-list", "3");
    }
}
