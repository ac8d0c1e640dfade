package io.livetodo;

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

/**
 * A WebSocket client written straight on a TCP socket, for the misbehaving clients the server
 * must cope with: it reads only when told to, with a small receive buffer, and never answers
 * pings.
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

    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;

    private final Socket socket;
    private final DataInputStream in;

    public RawLiveClient(int port, String token, int receiveBuffer) throws IOException {
        socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        byte[] key = new byte[16];
        new java.util.Random().nextBytes(key);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /live HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        in = new DataInputStream(socket.getInputStream());
        String status = readHeaders();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("upgrade refused: " + status);
        }
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
        return new Frame(first & 0x0f, payload);
    }

    /** Reads, skipping everything else, until the server's close frame; its code, or -1 when the connection just ended. */
    public int readUntilClosed(int timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            try {
                Frame frame = next((int) Math.max(1, deadline - System.currentTimeMillis()));
                if (frame.opcode() == CLOSE) {
                    return frame.closeCode();
                }
            } catch (EOFException e) {
                return -1;
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        throw new AssertionError("the server did not close the connection within " + timeoutMillis + " ms");
    }

    @Override
    public void close() throws IOException {
        socket.close();
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
            matched = (b == '\r' || b == '\n') && (matched % 2 == 0 ? b == '\r' : b == '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII).lines().findFirst().orElse("");
    }
}
