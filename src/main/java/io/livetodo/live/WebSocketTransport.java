package io.livetodo.live;

import io.livetodo.live.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketFrameEncoder;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Uni;

/** {@code /live}: frames are WebSocket frames, written past the extension straight to the socket. */
final class WebSocketTransport extends SocketTransport {

    private final WebSocketConnection connection;

    WebSocketTransport(WebSocketConnection connection, Channel channel) {
        super(channel, WebSocketFrameEncoder.class);
        this.connection = connection;
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
        InboundGuard guard = channel().pipeline().get(InboundGuard.class);
        if (guard != null) {
            guard.abort(code, reason);
        } else {
            channel().close();
        }
    }
}
