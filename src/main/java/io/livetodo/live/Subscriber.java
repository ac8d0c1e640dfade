package io.livetodo.live;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.livetodo.account.CurrentUser;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One open live connection and what it has been sent. Touched only on the hub's context
 * (see {@link LiveHub}), except {@link #pending}, which the connection's own thread counts down.
 */
final class Subscriber {

    final WebSocketConnection connection;
    final CurrentUser user;
    /** When the session ends; the hub closes the connection then. */
    final long sessionEndsAtMillis;
    /** Per list: the last version sent on this connection. A list is subscribed while it has an entry. */
    final Map<Long, Long> lastSent = new HashMap<>();
    /** Per list: the version announced in {@code hello}. */
    final Map<Long, Long> helloVersion = new HashMap<>();
    /** Lists whose missed changes are being read from the change log; nothing newer is sent meanwhile. */
    final Set<Long> catchingUp = new HashSet<>();
    /** Frames handed to the socket and not yet written out; counted down by the socket's own thread. */
    final AtomicInteger pending = new AtomicInteger();
    long lastPongMillis = System.currentTimeMillis();
    /** Registered and not yet removed; checked for every frame, so a field rather than a map lookup. */
    boolean open;

    Subscriber(WebSocketConnection connection, CurrentUser user, long sessionEndsAtMillis) {
        this.connection = connection;
        this.user = user;
        this.sessionEndsAtMillis = sessionEndsAtMillis;
    }

    String id() {
        return connection.id();
    }

    boolean follows(long listId) {
        return lastSent.containsKey(listId);
    }
}
