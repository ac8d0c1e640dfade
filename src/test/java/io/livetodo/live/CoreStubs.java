package io.livetodo.live;

import io.livetodo.live.wire.Frame;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundInvoker;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import java.util.HashMap;
import java.util.Map;

/**
 * What the hub's core needs around it in a test without a server: connections with no socket,
 * nobody told of departures, and ended event streams' places kept in memory.
 */
final class CoreStubs {

    /** A connection with no socket behind it: its frames are what the hub's writer is given. */
    interface NoSocket extends Transport {

        @Override
        default boolean isOpen() {
            return true;
        }

        @Override
        default Channel channel() {
            return null;
        }

        @Override
        default ChannelOutboundInvoker writer() {
            return null;
        }

        @Override
        default ByteBuf encode(Frame frame, Follower follower) {
            return null;
        }

        @Override
        default Uni<Void> close(CloseReason reason) {
            return Uni.createFrom().voidItem();
        }

        @Override
        default void abort(int code, String reason) {}
    }

    static final Departures NO_DEPARTURES = new Departures() {
        @Override
        public void unfollowed(Follower follower, long listId) {}

        @Override
        public void gone(Follower follower) {}
    };

    /** Ended streams' places kept in memory, by user and token, as the table keeps them. */
    static StreamPlaces placesInMemory() {
        Map<String, byte[]> kept = new HashMap<>();
        return new StreamPlaces() {
            @Override
            public void keep(long userId, String token, byte[] place) {
                kept.put(userId + " " + token, place);
            }

            @Override
            public Uni<byte[]> find(long userId, String token) {
                return Uni.createFrom().item(kept.get(userId + " " + token));
            }
        };
    }

    private CoreStubs() {}
}
