package io.livetodo.common;

import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.livetodo.support.LowLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6: a client that stops sending half-way holds no connection; live connections, pinged, stay. */
@QuarkusTest
@TestProfile(LowLimits.class)
@Tag("abuse")
class IdleConnectionTest {

    @Test
    void aClientThatStopsSendingIsDisconnectedWhileLiveConnectionsStay() throws Exception {
        User user = newUser();
        try (LiveClient live = LiveClient.connect(RestAssured.baseURI + ":" + RestAssured.port, user);
                Socket slow = new Socket()) {
            live.next();
            slow.connect(new InetSocketAddress("localhost", RestAssured.port), 5_000);
            slow.getOutputStream()
                    .write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.setSoTimeout(15_000);
            InputStream in = slow.getInputStream();
            assertThat(in.read())
                    .as("the server closed the half-sent request's connection")
                    .isEqualTo(-1);

            createTodo(user, "still live");
            assertThat(live.next().path("data").path("name").asText()).isEqualTo("still live");
        }
    }
}
