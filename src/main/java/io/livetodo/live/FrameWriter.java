package io.livetodo.live;

import io.livetodo.live.wire.Frame;

/** Where the {@link Hub} puts the frames it sends: the {@link Outbox}, which writes them to sockets. */
interface FrameWriter {

    /** Queues the frame for the follower's connection; on the hub's loop. */
    void write(Follower follower, Frame frame);
}
