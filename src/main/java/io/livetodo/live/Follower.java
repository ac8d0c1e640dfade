package io.livetodo.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.livetodo.account.CurrentUser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open live connection and what it has been sent. Touched only on the hub's context
 * (see {@link LiveHub}); frames are written to its channel on the channel's own event loop.
 */
final class Follower {

    final WebSocketConnection connection;
    /** The connection's socket, which the hub writes frames to directly. */
    final Channel channel;
    /** Where encoded frames enter the socket's pipeline; found on the channel's event loop. */
    private ChannelOutboundInvoker writer;
    final CurrentUser user;
    /** When the session ends; the hub closes the connection then. */
    final long sessionEndsAtMillis;
    /** Per followed list: where the connection is in it. */
    private final Map<Long, Position> positions = new HashMap<>();
    /** Until hello is sent, nothing else may be: what comes meanwhile waits here. */
    private List<ByteBuf> beforeHello = new ArrayList<>();
    private final Map<Long, Long> resumeBeforeHello = new HashMap<>();
    /** Changes that {@code resume} may still replay on this connection; beyond them it gets resync. */
    long replayBudget;
    /** Sees what the client sends; knows when it last answered a ping. */
    final InboundGuard guard;
    /** Which second of each ping round the connection is pinged in. */
    final long sequence;
    /** The list the client says it looks at, one it follows; null for none. */
    Long watching;
    /** The viewers of that list it was last told of. */
    List<String> viewersTold;
    /** Registered and not yet removed; checked for every frame, so a field rather than a map lookup. */
    boolean open;

    Follower(WebSocketConnection connection, Channel channel, InboundGuard guard, long sequence, CurrentUser user,
            long sessionEndsAtMillis, long replayBudget) {
        this.connection = connection;
        this.channel = channel;
        this.guard = guard;
        this.sequence = sequence;
        this.user = user;
        this.sessionEndsAtMillis = sessionEndsAtMillis;
        this.replayBudget = replayBudget;
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

    boolean greeted() {
        return beforeHello == null;
    }

    /** Holds a frame back until hello is sent; false once it has been. */
    boolean holdBackUntilHello(ByteBuf frame) {
        if (greeted()) {
            return false;
        }
        beforeHello.add(frame);
        return true;
    }

    /** Keeps a {@code resume} that came before hello, to apply once hello is sent. */
    void resumeAfterHello(Map<Long, Long> seen) {
        resumeBeforeHello.putAll(seen);
    }

    /** Marks hello as sent; returns the frames and the resume that waited for it. */
    List<ByteBuf> greet(Map<Long, Long> resume) {
        List<ByteBuf> held = beforeHello;
        beforeHello = null;
        resume.putAll(resumeBeforeHello);
        resumeBeforeHello.clear();
        return held;
    }

    boolean follows(long listId) {
        return positions.containsKey(listId);
    }

    /** Where the connection is in a list, or null when it does not follow it. */
    Position position(long listId) {
        return positions.get(listId);
    }

    void follow(long listId, Position position) {
        positions.put(listId, position);
    }

    void unfollow(long listId) {
        positions.remove(listId);
    }

    Set<Long> followed() {
        return positions.keySet();
    }
}
