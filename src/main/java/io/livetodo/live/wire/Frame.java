package io.livetodo.live.wire;

import io.netty.buffer.ByteBuf;

/**
 * A message for live clients, encoded once per transport that carries it: as a WebSocket frame
 * ({@link Frames}) and as a server-sent event ({@link Events}), each the first time a
 * connection of that transport is sent it, on the hub's context, then shared by every connection
 * of that transport.
 */
public final class Frame {

    private final String json;
    private final long ping;
    /** A hello, a change or a resync: an event stream gives it an id, which names the connection's place after it. */
    public final boolean placed;

    private ByteBuf webSocket;
    private ByteBuf event;

    private Frame(String json, long ping, boolean placed) {
        this.json = json;
        this.ping = ping;
        this.placed = placed;
    }

    public static Frame of(String json, boolean placed) {
        return new Frame(json, 0, placed);
    }

    /** A ping: a WebSocket ping with the payload its pong must echo, or an event stream's comment. */
    public static Frame ping(long payload) {
        return new Frame(null, payload, false);
    }

    /** The message's JSON; null for a ping. */
    public String json() {
        return json;
    }

    public ByteBuf webSocket() {
        if (webSocket == null) {
            webSocket = json == null ? Frames.ping(ping) : Frames.of(json);
        }
        return webSocket;
    }

    public ByteBuf event() {
        if (event == null) {
            event = json == null ? Events.PING : Events.data(json);
        }
        return event;
    }
}
