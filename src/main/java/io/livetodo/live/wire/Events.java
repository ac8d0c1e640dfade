package io.livetodo.live.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Server-sent events as bytes, encoded once and shared by every event stream they are written
 * to, as a WebSocket's frames are ({@link Frames}); each stream adds its own chunk size and event id.
 */
public final class Events {

    /** A comment: proxies see traffic, browsers ignore it. */
    public static final ByteBuf PING = shared(": ping\n\n");

    private Events() {}

    /** The event that carries a message; JSON as livetodo writes it has no line breaks, so one data line holds it. */
    public static ByteBuf data(String json) {
        return shared("data: " + json + "\n\n");
    }

    /** Direct, as a WebSocket frame is ({@link Frames#of}), so that writing it to many sockets copies nothing. */
    public static ByteBuf shared(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(
                ByteBuffer.allocateDirect(bytes.length).put(bytes).flip()));
    }
}
