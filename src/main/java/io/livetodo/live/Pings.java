package io.livetodo.live;

import io.livetodo.live.wire.Frame;
import io.netty.buffer.ByteBuf;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The payloads of the hub's pings. A round pings every connection once, a slice of them each
 * second, so that ten thousand pings (and their pongs) do not all land in the same moment. Each
 * round has a random payload; a pong shows that its client reads only when it echoes the payload
 * of this round or the last, which a client that does not read cannot know.
 */
final class Pings {

    private final int slices;
    private long tick;
    private volatile long payload = ThreadLocalRandom.current().nextLong();
    private volatile long previousPayload = payload;
    private Frame frame = Frame.ping(payload);

    /** {@code slices}: the seconds a round lasts, at least one. */
    Pings(int slices) {
        this.slices = Math.max(1, slices);
    }

    /**
     * Moves on a second (on the hub's context), and pings this second's slice of the connections;
     * a new round starts with a new payload.
     */
    void nextTick(Collection<Follower> followers, FrameWriter send) {
        tick++;
        if (tick % slices == 0) {
            previousPayload = payload;
            payload = ThreadLocalRandom.current().nextLong();
            frame = Frame.ping(payload);
        }
        for (Follower follower : followers) {
            if (follower.sequence % slices == tick % slices) {
                send.write(follower, frame);
            }
        }
    }

    /** This round's ping, encoded once for every connection. */
    Frame frame() {
        return frame;
    }

    /** Whether a pong's payload echoes this round's ping or the last one's; from any thread. */
    boolean echoed(ByteBuf pong) {
        if (pong.readableBytes() != Long.BYTES) {
            return false;
        }
        long echo = pong.getLong(pong.readerIndex());
        return echo == payload || echo == previousPayload;
    }
}
