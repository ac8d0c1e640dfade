package io.livetodo.live;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** {@code /live}: frames are WebSocket frames, written past the extension straight to the socket. */
final class WebSocketTransport implements Transport {

    private final WebSocketConnection connection;
    private final Channel channel;
    private ChannelOutboundInvoker writer;

    WebSocketTransport(WebSocketConnection connection, Channel channel) {
        this.connection = connection;
        this.channel = channel;
    }

    @Override
    public String id() {
        return connection.id();
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public Channel channel() {
        return channel;
    }

    /**
     * The pipeline stage after the WebSocket frame encoder: frames are already encoded, so they
     * start there, skipping the handlers that would pass them along unchanged, but still going
     * through anything nearer the socket, such as TLS.
     */
    @Override
    public ChannelOutboundInvoker writer() {
        if (writer == null) {
            ChannelHandlerContext encoder = channel.pipeline().context(WebSocketFrameEncoder.class);
            writer = encoder != null ? encoder : channel;
        }
        return writer;
    }

    @Override
    public ByteBuf encode(Frame frame, Follower follower) {
        return frame.webSocket();
    }

    @Override
    public Uni<Void> close(CloseReason reason) {
        return connection.isOpen() ? connection.close(reason) : Uni.createFrom().voidItem();
    }

    /** Without waiting for the client to answer the close, which it would not. */
    @Override
    public void abort(int code, String reason) {
        InboundGuard guard = channel.pipeline().get(InboundGuard.class);
        if (guard != null) {
            guard.abort(code, reason);
        } else {
            channel.close();
        }
    }
}
