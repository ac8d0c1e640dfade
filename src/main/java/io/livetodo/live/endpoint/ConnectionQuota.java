package io.livetodo.live.endpoint;

import io.livetodo.common.LivetodoConfig;
import io.netty.channel.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code live-connections-per-user} live connections per user on this instance (as
 * Centrifugo limits connections per user on each node). A connection's place is given back when
 * its socket closes, however the upgrade or the connection ended.
 */
@ApplicationScoped
public class ConnectionQuota {

    /** What a connection beyond the quota is told (429), on /live and /live/events alike. */
    static final String FULL = "You have too many live connections open; close one first.";

    private final int maxPerUser;
    private final Map<Long, Integer> open = new ConcurrentHashMap<>();

    ConnectionQuota(LivetodoConfig config) {
        this.maxPerUser = config.quota().liveConnectionsPerUser();
    }

    /** Takes a place for the user's new connection on this socket; false when they have none left. */
    boolean take(long userId, Channel socket) {
        boolean[] taken = {false};
        open.compute(userId, (user, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerUser) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        if (taken[0]) {
            socket.closeFuture()
                    .addListener(
                            closed -> open.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1));
        }
        return taken[0];
    }
}
