package io.livetodo.live;

import io.livetodo.live.wire.Events;
import io.livetodo.live.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * {@code /live/events}: the live protocol as server-sent events. Once the response's headers are
 * out, each frame is written straight to the socket as one HTTP chunk, past the HTTP encoder, as
 * a WebSocket's frames are: the chunk's size and the event's {@code id} are this connection's,
 * the {@code data} line is encoded once for every stream. The id, {@code <token>.<n>}, names
 * the stream and the event ({@link StreamPlace}): what a browser sends back as
 * {@code Last-Event-ID} when it reconnects, to resume every list from there.
 */
final class EventStream extends SocketTransport {

    private static final ByteBuf CHUNK_END = Events.shared("\r\n");
    private static final ByteBuf LAST_CHUNK = Events.shared("0\r\n\r\n");

    private final String id;

    /** Past Vert.x's HTTP encoder, which sent the headers and has nothing more to add; on the channel's event loop. */
    EventStream(String id, Channel channel) {
        super(channel, HttpResponseEncoder.class);
        this.id = id;
        watchWritesForIdleness(channel);
    }

    /**
     * Vert.x's idle-timeout handler sits above the HTTP encoder, where this stream's bytes do not
     * pass: a handler like it below the encoder sees them, so that the stream's pings keep it
     * open. A handler cannot be added twice, hence a new one.
     */
    private static void watchWritesForIdleness(Channel socket) {
        ChannelPipeline pipeline = socket.pipeline();
        IdleStateHandler idle = pipeline.get(IdleStateHandler.class);
        ChannelHandlerContext encoder = pipeline.context(HttpResponseEncoder.class);
        if (idle != null && encoder != null) {
            pipeline.remove(idle);
            pipeline.addBefore(
                    encoder.name(),
                    "idle",
                    new IdleStateHandler(
                            idle.getReaderIdleTimeInMillis(),
                            idle.getWriterIdleTimeInMillis(),
                            idle.getAllIdleTimeInMillis(),
                            TimeUnit.MILLISECONDS));
        }
    }

    /**
     * How long a stream lasts before it ends for its browser to reconnect: within the dead-after
     * period, spread over its last quarter, so that streams opened together do not all reconnect
     * together.
     */
    static long lifetimeMillis(Duration deadAfter) {
        return deadAfter.toMillis() - ThreadLocalRandom.current().nextLong(deadAfter.toMillis() / 4 + 1);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean isOpen() {
        return channel().isActive();
    }

    /**
     * The chunk's size and the event's id, this connection's, in a small buffer of its own, then
     * the shared event and the chunk's end: three parts the socket writes in one gathering write.
     */
    @Override
    public ByteBuf encode(Frame frame, Follower follower) {
        ByteBuf event = frame.event();
        String id = frame.placed ? "id: " + follower.streamPlace.nextId() + "\n" : "";
        String size = Integer.toHexString(id.length() + event.readableBytes());
        ByteBuf head = channel().alloc().directBuffer(size.length() + 2 + id.length());
        ByteBufUtil.writeAscii(head, size);
        ByteBufUtil.writeAscii(head, "\r\n");
        ByteBufUtil.writeAscii(head, id);
        return Unpooled.wrappedUnmodifiableBuffer(head, event.duplicate(), CHUNK_END.duplicate());
    }

    /**
     * Ends the response (its last chunk after every event written before), then the connection. A
     * stream has no way to say why it ends; the browser reconnects, and learns then (401 for an
     * ended session). Ended rather than cut, the response is a whole one to proxies, which log a
     * cut one as an upstream failure.
     */
    @Override
    public Uni<Void> close(CloseReason reason) {
        return Uni.createFrom()
                .emitter(closed -> channel()
                        .eventLoop()
                        .execute(() -> writer().writeAndFlush(LAST_CHUNK.duplicate())
                                .addListener(written -> channel().close().addListener(done -> closed.complete(null)))));
    }

    @Override
    public void abort(int code, String reason) {
        channel().close();
    }
}
