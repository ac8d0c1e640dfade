package io.livetodo.live;

import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api;
import io.livetodo.support.Api.User;
import io.livetodo.support.EventClient;
import io.livetodo.support.LiveClient;
import io.livetodo.support.LowLimits;
import io.livetodo.support.RawLiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.EOFException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(LowLimits.class)
class LiveSlowClientTest {

    @Test
    void guarantee5_aClientThatDoesNotReadIsDisconnectedWhileOthersKeepReceiving() throws Exception {
        User owner = newUser();
        User reader = newUser();
        User sleeper = newUser();
        long list = createList(owner, "Busy");
        share(owner, list, reader);
        share(owner, list, sleeper);
        // Its buffers are full after about 35 frames; these few more arrive well within the two
        // seconds after which a connection that takes nothing is closed without its close frame.
        int changes = 60;
        try (LiveClient live = LiveClient.connect(base(), reader);
                RawLiveClient stalled = new RawLiveClient(RestAssured.port, sleeper, 4096)) {
            live.next();
            String padding = "x".repeat(200);
            for (int i = 0; i < changes; i++) {
                Api.createTodo(owner, list, padding + i);
            }

            List<JsonNode> received = live.next(changes);
            assertThat(received)
                    .extracting(m -> m.path("data").path("name").asText())
                    .endsWith(padding + (changes - 1));

            int frames = 0;
            int closeCode;
            while (true) {
                RawLiveClient.Frame frame = stalled.next(10_000);
                if (frame.opcode() == RawLiveClient.CLOSE) {
                    closeCode = frame.closeCode();
                    break;
                }
                frames++;
            }
            assertThat(closeCode).isIn(1008, 1013);
            assertThat(frames)
                    .as("hello and part of the changes, not all of them")
                    .isLessThan(changes);
        }
    }

    /**
     * A client that reads, but more slowly than changes come, is closed once it holds too many
     * unread; until then it is sent every change in order, with no gap before the close (the
     * client's {@code GuaranteeCheck}, asserted as it closes).
     */
    @Test
    void guarantee5_aClientThatReadsTooSlowlyIsClosedWithNothingMissingBeforeTheClose() throws Exception {
        User owner = newUser();
        User slow = newUser();
        long list = createList(owner, "Faster than its reader");
        share(owner, list, slow);
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        try (RawLiveClient reader = new RawLiveClient(RestAssured.port, slow, 4096)) {
            String padding = "x".repeat(200);
            for (int w = 0; w < 4; w++) {
                String writer = padding + w + "-";
                writers.submit(() -> {
                    for (int i = 0; i < 300 && !done.get(); i++) {
                        Api.createTodo(owner, list, writer + i);
                    }
                });
            }
            int closeCode;
            int frames = 0;
            try {
                RawLiveClient.Frame frame = reader.next(10_000);
                while (frame.opcode() != RawLiveClient.CLOSE) {
                    frames++;
                    Thread.sleep(3);
                    frame = reader.next(10_000);
                }
                closeCode = frame.closeCode();
            } catch (EOFException | SocketException aborted) {
                // Closed without a close frame: the server gave up on it with bytes still unread.
                closeCode = -1;
            }
            assertThat(closeCode).isIn(1013, -1);
            assertThat(frames).as("it read a good part before it fell behind").isGreaterThan(8);
        } finally {
            done.set(true);
            writers.shutdown();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anEventStreamThatIsNotReadIsEndedWhileOthersKeepReceiving() throws Exception {
        User owner = newUser();
        User reader = newUser();
        User sleeper = newUser();
        long list = createList(owner, "Busy stream");
        share(owner, list, reader);
        share(owner, list, sleeper);
        int changes = 150;
        try (EventClient events = EventClient.connect(base(), reader);
                Socket stalled = new Socket()) {
            events.next();
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), RestAssured.port));
            stalled.getOutputStream()
                    .write(("GET /live/events HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + sleeper.token()
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String padding = "x".repeat(200);
            for (int i = 0; i < changes; i++) {
                Api.createTodo(owner, list, padding + i);
            }

            List<JsonNode> received = events.next(changes);
            assertThat(received)
                    .extracting(m -> m.path("data").path("name").asText())
                    .endsWith(padding + (changes - 1));

            stalled.setSoTimeout(10_000);
            String stream = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(stream).startsWith("HTTP/1.1 200");
            assertThat(stream.split("\ndata: ", -1).length - 1)
                    .as("hello and part of the changes, not all of them")
                    .isLessThan(changes);
        }
    }
}
