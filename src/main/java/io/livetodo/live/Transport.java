package io.livetodo.live;

import io.livetodo.live.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundInvoker;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;

/** How a live connection's frames reach its client: a WebSocket ({@code /live}) or an event stream ({@code /live/events}). */
interface Transport {

    String id();

    boolean isOpen();

    /** The connection's socket, which the hub writes to directly. */
    Channel channel();

    /** Where the encoded bytes enter the socket's pipeline; called on the channel's event loop. */
    ChannelOutboundInvoker writer();

    /** The bytes that carry the frame to this follower; on the hub's context. */
    ByteBuf encode(Frame frame, Follower follower);

    /** Ends the connection, telling the client why where the transport can. */
    Uni<Void> close(CloseReason reason);

    /** Ends the connection at once, for a client that does not read what it is sent. */
    void abort(int code, String reason);
}
