package io.livetodo.live;

import io.livetodo.live.wire.Frame;
import io.micrometer.core.instrument.Counter;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelOutboundInvoker;
import io.netty.channel.EventLoop;
import io.vertx.core.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes frames to live connections, for {@link LiveHub}, on each connection's own event loop,
 * encoded for each connection's {@link Transport} as they are queued.
 * Frames queued while the hub handles one event (typically one change for every follower of a
 * list) go out together: one task per event loop and one flush per connection. Frames are
 * already encoded as the bytes on the wire, so they are written straight to the socket's
 * pipeline, past the WebSocket extension and its per-message futures, which cost more than the
 * write itself with ten thousand followers.
 *
 * <p>Every frame to a connection goes through here (changes, replies, pings), so one bound holds
 * for all of them: a connection that already holds {@code maxUnsent} frames it could not write,
 * because its client does not read, is handed to {@code backedUp} instead, on the hub's context,
 * and is written nothing more: a later frame that found room would leave its client a gap.
 */
final class Outbox implements FrameWriter {

    private record Outgoing(Follower follower, ByteBuf frame) {}

    private final Context context;
    private final int maxUnsent;
    private final Consumer<List<Follower>> backedUp;
    private final Counter framesSent;
    private Map<EventLoop, List<Outgoing>> pending = new HashMap<>();
    private boolean flushScheduled;

    Outbox(Context context, int maxUnsent, Consumer<List<Follower>> backedUp, Counter framesSent) {
        this.context = context;
        this.maxUnsent = maxUnsent;
        this.backedUp = backedUp;
        this.framesSent = framesSent;
    }

    /** Queues a frame for a follower, on the hub's context. The frame's bytes are shared: each write takes a duplicate. */
    @Override
    public void write(Follower follower, Frame frame) {
        framesSent.increment();
        pending.computeIfAbsent(follower.channel.eventLoop(), k -> new ArrayList<>())
                .add(new Outgoing(follower, follower.transport.encode(frame, follower)));
        if (!flushScheduled) {
            flushScheduled = true;
            context.runOnContext(ignored -> flush());
        }
    }

    private void flush() {
        flushScheduled = false;
        Map<EventLoop, List<Outgoing>> batches = pending;
        pending = new HashMap<>();
        batches.forEach((loop, frames) -> loop.execute(() -> writeOut(frames)));
    }

    /** On the connections' own event loop. */
    private void writeOut(List<Outgoing> frames) {
        List<Follower> full = new ArrayList<>();
        ChannelOutboundInvoker unflushed = null;
        for (Outgoing outgoing : frames) {
            Follower follower = outgoing.follower();
            // Netty's own queue of what the socket has not taken yet: Vert.x counts no frames.
            ChannelOutboundBuffer unsent = follower.channel.unsafe().outboundBuffer();
            if (unsent == null || follower.overflowed || unsent.size() >= maxUnsent) {
                // An event stream's frame is its own (a shared frame ignores this).
                outgoing.frame().release();
                if (unsent != null && !follower.overflowed) {
                    follower.overflowed = true;
                    full.add(follower);
                }
                continue;
            }
            ChannelOutboundInvoker writer = follower.transport.writer();
            if (unflushed != null && unflushed != writer) {
                unflushed.flush();
            }
            writer.write(outgoing.frame().duplicate(), writer.voidPromise());
            unflushed = writer;
        }
        if (unflushed != null) {
            unflushed.flush();
        }
        if (!full.isEmpty()) {
            context.runOnContext(ignored -> backedUp.accept(full));
        }
    }
}
