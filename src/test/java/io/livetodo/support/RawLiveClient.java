package io.livetodo.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.support.Api.User;
import io.livetodo.support.GuaranteeCheck.Message;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A WebSocket client written straight on a TCP socket, for the misbehaving clients the server
 * must cope with: it reads only when told to, with a small receive buffer, and never answers
 * pings. It does resume at once, as every client should, and what it reads goes through a
 * {@link GuaranteeCheck}, which {@link #close} asserts: a client that reads slowly is still owed
 * every change in order, until it is closed.
 */
public final class RawLiveClient implements AutoCloseable {

    /** A frame as received: its opcode and payload. */
    public record Frame(int opcode, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        }
    }

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final java.util.Random RANDOM = new java.util.Random();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final DataInputStream in;
    private final GuaranteeCheck check;
    private final int connection;
    private int framesRead;

    public RawLiveClient(int port, User user, int receiveBuffer) throws IOException {
        String token = user.token();
        check = LiveClient.checkFor("http://localhost:" + port, user);
        connection = check.opened();
        socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /live HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                        + "\r\nSec-WebSocket-Version: 13\r\n"
                        + "Authorization: Bearer " + token + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new DataInputStream(socket.getInputStream());
        String status = readHeaders();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + status);
        }
        check.resumed(connection, Map.of());
        sendText(LiveClient.resume(Map.of()));
    }

    /** Sends one frame, masked as a client must; {@code last} is its FIN bit. */
    public void send(int opcode, byte[] payload, boolean last) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write((last ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        socket.getOutputStream().write(frame.toByteArray());
    }

    /** Sends only the head of a frame that says it carries {@code length} bytes, and none of them. */
    public void sendHead(int opcode, long length) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(14);
        head.write(0x80 | opcode);
        head.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            head.write((int) (length >>> shift) & 0xff);
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        head.write(mask);
        socket.getOutputStream().write(head.toByteArray());
    }

    public void sendText(String text) throws IOException {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** The next frame, waiting up to the given milliseconds. */
    public Frame next(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        Frame frame = new Frame(first & 0x0f, payload);
        if (frame.opcode() == TEXT) {
            check.received(connection, Message.of(JSON.readTree(frame.text())));
        }
        return frame;
    }

    /**
     * Reads, skipping everything else, until the server's close frame; its code, or -1 when the
     * connection just ended (or was reset, as a server that closes while it still holds unread
     * bytes from the client does).
     */
    public int readUntilClosed(int timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            try {
                Frame frame = next((int) Math.max(1, deadline - System.currentTimeMillis()));
                framesRead++;
                if (frame.opcode() == CLOSE) {
                    return frame.closeCode();
                }
            } catch (EOFException | java.net.SocketException e) {
                return -1;
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        throw new AssertionError("the server did not close the connection within " + timeoutMillis + " ms");
    }

    /** Frames read by {@link #readUntilClosed}, the close frame included. */
    public int framesRead() {
        return framesRead;
    }

    /** Closes the socket, and fails when what it read broke guarantee 1 or 2. */
    @Override
    public void close() throws IOException {
        check.closed(connection);
        socket.close();
        check.assertHeld();
    }

    private String readHeaders() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            head.write(b);
            matched = (b == '\r' || b == '\n') && (matched % 2 == 0 ? b == '\r' : b == '\n')
                    ? matched + 1
                    : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
    }
}
