package io.livetodo.live;

import io.livetodo.live.wire.CloseCodes;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * Sees every frame a live client sends, before Vert.x does, and closes the connection of a
 * client that abuses it:
 * <ul>
 * <li>more than {@code maxPerSecond} frames in a second: 1008;</li>
 * <li>a frame, or a message in several frames, over {@code maxMessageBytes}: 1009 (the frame
 * decoder refuses a single large frame itself, but only by dropping the connection);</li>
 * <li>a frame while it has not read {@code maxUnsent} frames sent to it: 1013. It sends faster
 * than it reads, and each message may earn a reply.</li>
 * </ul>
 * Pings are answered here, under the same bound: Vert.x would answer each one with a pong
 * regardless of what the client leaves unread. Pongs end here too: one that echoes a recent
 * ping of the hub's ({@link Pings}) shows the client reads, and its time is all the hub needs.
 *
 * <p>Added to the HTTP pipeline before the upgrade, just before Vert.x's own handler, so that
 * after the upgrade it sits behind the WebSocket frame decoder. HTTP messages pass through.
 */
public final class InboundGuard extends ChannelInboundHandlerAdapter {

    private final Pings pings;
    private final int maxPerSecond;
    private final int maxMessageBytes;
    private final int maxUnsent;
    private long secondStartedMillis;
    private int framesThisSecond;
    private long messageBytes;
    private boolean closing;
    private volatile ChannelHandlerContext context;

    private volatile long lastPongMillis = System.currentTimeMillis();

    InboundGuard(Pings pings, int maxPerSecond, int maxMessageBytes, int maxUnsent) {
        this.pings = pings;
        this.maxPerSecond = maxPerSecond;
        this.maxMessageBytes = maxMessageBytes;
        this.maxUnsent = maxUnsent;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (!(message instanceof WebSocketFrame frame) || message instanceof CloseWebSocketFrame) {
            ctx.fireChannelRead(message);
            return;
        }
        if (closing) {
            ReferenceCountUtil.release(frame);
            return;
        }
        if (refused(ctx, frame)) {
            ReferenceCountUtil.release(frame);
            return;
        }
        if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
            return;
        }
        if (frame instanceof PongWebSocketFrame pong) {
            if (pings.echoed(pong.content())) {
                lastPongMillis = System.currentTimeMillis();
            }
            pong.release();
            return;
        }
        ctx.fireChannelRead(frame);
    }

    /** Closes the connection, saying why, unless the frame may pass. */
    private boolean refused(ChannelHandlerContext ctx, WebSocketFrame frame) {
        long now = System.currentTimeMillis();
        if (now - secondStartedMillis >= 1_000) {
            secondStartedMillis = now;
            framesThisSecond = 0;
        }
        if (++framesThisSecond > maxPerSecond) {
            return close(ctx, CloseCodes.POLICY_VIOLATION, "Too many messages; at most " + maxPerSecond + " a second");
        }
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
            messageBytes = frame.content().readableBytes();
        } else if (frame instanceof ContinuationWebSocketFrame) {
            messageBytes += frame.content().readableBytes();
        }
        if (messageBytes > maxMessageBytes) {
            return close(ctx, CloseCodes.MESSAGE_TOO_BIG, "Messages may be at most " + maxMessageBytes + " bytes");
        }
        ChannelOutboundBuffer unsent = ctx.channel().unsafe().outboundBuffer();
        if (unsent != null && unsent.size() >= maxUnsent) {
            return close(ctx, CloseCodes.TRY_AGAIN_LATER, "Too many unread messages; reconnect and resume");
        }
        return false;
    }

    /** When the client last answered a ping of the hub's (or when the connection opened); from any thread. */
    long lastPongMillis() {
        return lastPongMillis;
    }

    /** The frame decoder refuses a frame over the size limit with this exception, and closes nothing. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupted && corrupted.closeStatus() != null) {
            if (!closing) {
                close(
                        ctx,
                        corrupted.closeStatus().code(),
                        corrupted.closeStatus().reasonText());
            }
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    /**
     * Closes the connection at once, from any thread: the close frame is sent and the socket
     * closed without waiting for the client's answer. Both start here, behind Vert.x's handler,
     * which would otherwise hold the socket open for the closing handshake of a client that
     * is not reading.
     */
    void abort(int code, String reason) {
        ChannelHandlerContext ctx = context;
        ctx.executor().execute(() -> {
            if (!closing) {
                close(ctx, code, reason);
            }
        });
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    private boolean close(ChannelHandlerContext ctx, int code, String reason) {
        closing = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(closed -> ctx.close());
        return true;
    }
}
