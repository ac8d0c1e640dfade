package io.livetodo.live;

import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.livetodo.support.LowLimits;
import io.livetodo.support.RawLiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LowLimits.class)
class LiveDeadClientTest {

    @Test
    void guarantee5_idleConnectionsArePingedAndDeadOnesClosed() throws Exception {
        User alive = newUser();
        User dead = newUser();
        try (LiveClient answering = LiveClient.connect(base(), alive);
                RawLiveClient silent = new RawLiveClient(RestAssured.port, dead, 64 * 1024)) {
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

    @Test
    void pongsThatAnswerNoPingDoNotKeepAClientThatNeverReadsAlive() throws Exception {
        try (RawLiveClient silent = new RawLiveClient(RestAssured.port, newUser(), 64 * 1024)) {
            long deadline = System.currentTimeMillis() + 10_000;
            boolean closed = false;
            while (!closed && System.currentTimeMillis() < deadline) {
                try {
                    silent.send(RawLiveClient.PONG, "ping".getBytes(StandardCharsets.US_ASCII), true);
                    Thread.sleep(300);
                } catch (IOException e) {
                    closed = true;
                }
            }
            assertThat(closed)
                    .as("the server closed the connection while it sent pongs")
                    .isTrue();
            assertThat(silent.readUntilClosed(5_000)).isIn(1001, -1);
        }
    }
}
