package io.livetodo.live;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundInvoker;

/**
 * A transport whose frames are already the bytes on the wire: they enter the socket's pipeline
 * just past the encoder that would otherwise make them, skipping the handlers that would pass
 * them along unchanged, but still going through anything nearer the socket, such as TLS.
 */
abstract class SocketTransport implements Transport {

    private final Channel channel;
    private final Class<? extends ChannelHandler> encoder;
    private ChannelOutboundInvoker writer;

    SocketTransport(Channel channel, Class<? extends ChannelHandler> encoder) {
        this.channel = channel;
        this.encoder = encoder;
    }

    @Override
    public Channel channel() {
        return channel;
    }

    /** Found on the channel's event loop, the first time it writes. */
    @Override
    public ChannelOutboundInvoker writer() {
        if (writer == null) {
            ChannelHandlerContext context = channel.pipeline().context(encoder);
            writer = context != null ? context : channel;
        }
        return writer;
    }
}
