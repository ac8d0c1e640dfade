package io.livetodo.live;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.livetodo.account.CurrentUser;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open live connection and what it has been sent. Touched only on the hub's context
 * (see {@link LiveHub}); frames are written to its channel on the channel's own event loop.
 */
final class Subscriber {

    final WebSocketConnection connection;
    /** The connection's socket, which the hub writes change frames to directly. */
    final Channel channel;
    /** Where encoded frames enter the socket's pipeline; found on the channel's event loop. */
    private ChannelOutboundInvoker writer;
    final CurrentUser user;
    /** When the session ends; the hub closes the connection then. */
    final long sessionEndsAtMillis;
    /**
     * Per list: the last version sent on this connection; a list is followed while it has an entry.
     * Updated in place: a new boxed value per frame, stored into this long-lived map, would cost the
     * garbage collector card-marking and refinement work for every frame sent.
     */
    private final Map<Long, long[]> lastSent = new HashMap<>();
    /** Per list: the version announced in {@code hello}. */
    final Map<Long, Long> helloVersion = new HashMap<>();
    /** Lists whose missed changes are being read from the change log; nothing newer is sent meanwhile. */
    final Set<Long> catchingUp = new HashSet<>();
    long lastPongMillis = System.currentTimeMillis();
    /** Registered and not yet removed; checked for every frame, so a field rather than a map lookup. */
    boolean open;

    Subscriber(WebSocketConnection connection, Channel channel, CurrentUser user, long sessionEndsAtMillis) {
        this.connection = connection;
        this.channel = channel;
        this.user = user;
        this.sessionEndsAtMillis = sessionEndsAtMillis;
    }

    String id() {
        return connection.id();
    }

    /**
     * The pipeline stage after the WebSocket frame encoder: frames are already encoded, so they
     * start there, skipping the handlers that would pass them along unchanged, but still going
     * through anything nearer the socket, such as TLS. Called on the channel's event loop.
     */
    ChannelOutboundInvoker writer() {
        if (writer == null) {
            ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
            writer = encoder != null ? encoder : channel;
        }
        return writer;
    }

    boolean follows(long listId) {
        return lastSent.containsKey(listId);
    }

    /** The last version sent of a followed list. */
    long lastSent(long listId) {
        return lastSent.get(listId)[0];
    }

    long lastSentOr(long listId, long otherwise) {
        long[] sent = lastSent.get(listId);
        return sent == null ? otherwise : sent[0];
    }

    /** Records the last version sent of a list, and follows it from there. */
    void sent(long listId, long version) {
        long[] sent = lastSent.get(listId);
        if (sent == null) {
            lastSent.put(listId, new long[] { version });
        } else {
            sent[0] = version;
        }
    }

    void unfollow(long listId) {
        lastSent.remove(listId);
    }

    Set<Long> followed() {
        return lastSent.keySet();
    }
}
