package io.livetodo.live.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Text frames as bytes on the wire, header included, encoded once and shared by every connection
 * they are written to. Frames from a server are not masked (RFC 6455, 5.1), so the same bytes
 * are right for every client; an unmasked frame without RSV1 is also what a client that
 * negotiated compression accepts as an uncompressed message.
 */
public final class Frames {

    private static final int FIN_TEXT = 0x81;
    private static final int FIN_PING = 0x89;

    private Frames() {}

    /** Writers take {@code duplicate()}s of it; releasing them leaves the shared bytes alone. */
    public static ByteBuf of(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        // Direct, so that writing it to a socket needs no copy; a JDK buffer, so the garbage
        // collector frees it with the last frame that refers to it.
        ByteBuffer frame = ByteBuffer.allocateDirect(payload.length + 10);
        frame.put((byte) FIN_TEXT);
        if (payload.length < 126) {
            frame.put((byte) payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) payload.length);
        } else {
            frame.put((byte) 127).putLong(payload.length);
        }
        frame.put(payload).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame));
    }

    /** A ping whose payload is the given eight bytes, which the client's pong must echo. */
    public static ByteBuf ping(long payload) {
        ByteBuffer frame = ByteBuffer.allocateDirect(10);
        frame.put((byte) FIN_PING).put((byte) Long.BYTES).putLong(payload).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(frame));
    }
}
