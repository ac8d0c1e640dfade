package io.livetodo.live;

import static io.livetodo.Api.createTodo;
import static io.livetodo.Api.newUser;
import static io.livetodo.live.LiveTest.base;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.livetodo.Api.User;
import io.livetodo.LiveClient;
import io.livetodo.RawLiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

@QuarkusTest
@TestProfile(LiveDeadClientTest.FastPings.class)
class LiveDeadClientTest {

    public static class FastPings implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.websockets-next.server.auto-ping-interval", "1s",
                    "livetodo.live.dead-after", "PT3S",
                    "livetodo.live.sweep-every", "1s");
        }
    }

    @Test
    void guarantee5_idleConnectionsArePingedAndDeadOnesClosed() throws Exception {
        User alive = newUser();
        User dead = newUser();
        try (LiveClient answering = LiveClient.connect(base(), alive);
                RawLiveClient silent = new RawLiveClient(RestAssured.port, dead.token(), 64 * 1024)) {
            answering.next();
            RawLiveClient.Frame hello = silent.next(5_000);
            assertThat(hello.text()).contains("\"hello\"");
            RawLiveClient.Frame ping = silent.next(5_000);
            assertThat(ping.opcode()).isEqualTo(RawLiveClient.PING);

            assertThat(silent.readUntilClosed(10_000)).isIn(1001, -1);

            assertThat(answering.isClosed()).isFalse();
            createTodo(alive, "still here");
            assertThat(answering.next().path("type").asText()).isEqualTo("todo.created");
        }
    }
}
