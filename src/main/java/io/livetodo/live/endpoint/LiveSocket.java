package io.livetodo.live.endpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.live.LiveHub;
import io.livetodo.live.wire.ClientMessage;
import io.livetodo.live.wire.LiveMessage;
import io.quarkus.security.Authenticated;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnError;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.UserData;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.common.annotation.NonBlocking;
import java.io.IOException;
import org.jboss.logging.Logger;

/** {@code GET /live}: the live protocol. The fan-out itself is {@link LiveHub}'s. */
@WebSocket(path = "/live")
@Authenticated
public class LiveSocket {

    private static final Logger LOG = Logger.getLogger(LiveSocket.class);

    private final LiveHub hub;
    private final ObjectMapper json;

    LiveSocket(LiveHub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
    }

    /** The caller and the end of their session come from the upgrade, see {@link LiveUpgrade}. */
    @OnOpen
    void open(WebSocketConnection connection) {
        UserData upgrade = connection.userData();
        hub.open(
                connection,
                upgrade.get(LiveUpgrade.CHANNEL),
                upgrade.get(LiveUpgrade.GUARD),
                upgrade.get(LiveUpgrade.USER),
                upgrade.get(LiveUpgrade.SESSION_ENDS_AT));
    }

    @OnTextMessage
    @NonBlocking
    void message(WebSocketConnection connection, String text) {
        try {
            ClientMessage message = ClientMessage.read(json, text);
            if (message instanceof ClientMessage.Resume resume) {
                hub.resume(connection.id(), resume.lists());
            } else if (message instanceof ClientMessage.Watch watch) {
                hub.watch(connection.id(), watch.listId());
            }
        } catch (IllegalArgumentException refused) {
            error(connection, refused.getMessage());
        }
    }

    @OnClose
    @NonBlocking
    void close(WebSocketConnection connection) {
        hub.closed(connection.id());
    }

    /** A client that vanished (reset, broken pipe) is not the server's error: its connection just ends. */
    @OnError
    @NonBlocking
    void vanished(WebSocketConnection connection, IOException failure) {
        LOG.debugf("Live connection %s ended: %s", connection.id(), failure.getMessage());
        hub.closed(connection.id());
    }

    /** Replies go through the hub, so they count against the same bound as changes. */
    private void error(WebSocketConnection connection, String message) {
        hub.reply(connection.id(), new LiveMessage.ErrorReply(message));
    }
}
