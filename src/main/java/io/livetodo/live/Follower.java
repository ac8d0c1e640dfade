package io.livetodo.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.livetodo.account.CurrentUser;
import io.netty.channel.Channel;

/**
 * One open live connection and what it has been sent. Touched only on the hub's context
 * (see {@link LiveHub}); frames are written to its channel on the channel's own event loop.
 */
final class Follower {

    final Transport transport;
    /** The connection's socket, which the hub writes frames to directly. */
    final Channel channel;
    final CurrentUser user;
    /** When the session ends; the hub closes the connection then. */
    final long sessionEndsAtMillis;
    /** Per followed list: where the connection is in it. */
    private final Map<Long, Position> positions = new HashMap<>();
    /**
     * Per list it followed and no longer does: the version that ended it (its user's removal, the
     * list's deletion). It follows the list again only from a later {@code member.added}, so that
     * nothing is sent twice or backwards, however late a membership read answers. Made at the first
     * end: most connections never see one, and ten thousand empty maps are worth avoiding.
     */
    private Map<Long, Long> ended;
    /** Its lists and hello, read, while hello waits for the client's resume: see {@link Hub#open}. */
    Greeting greeting;
    /**
     * The client has said something, or its transport carried where to resume from: a client
     * that resumes does so at once, and its hello waits a moment for that.
     */
    boolean heard;
    /**
     * Set on the socket's event loop (only) when a frame could not be queued, as its client does
     * not read: no later frame is written, so that the client never sees a gap before the close.
     */
    boolean overflowed;
    /** Until hello is sent, nothing else may be: what comes meanwhile waits here. */
    private List<Frame> beforeHello = new ArrayList<>();
    private final Map<Long, Long> resumeBeforeHello = new HashMap<>();
    /** Changes that {@code resume} may still replay on this connection; beyond them it gets resync. */
    long replayBudget;
    /** Sees what a WebSocket client sends; knows when it last answered a ping. Null for an event stream, which has no way back. */
    final InboundGuard guard;
    /** Which second of each ping round the connection is pinged in. */
    final long sequence;
    /** The list the client says it looks at, one it follows; null for none. */
    Long watching;
    /** The viewers of that list it was last told of. */
    List<String> viewersTold;
    /** Registered and not yet removed; checked for every frame, so a field rather than a map lookup. */
    boolean open;

    Follower(Transport transport, InboundGuard guard, long sequence, CurrentUser user, long sessionEndsAtMillis, long replayBudget) {
        this.transport = transport;
        this.channel = transport.channel();
        this.guard = guard;
        this.sequence = sequence;
        this.user = user;
        this.sessionEndsAtMillis = sessionEndsAtMillis;
        this.replayBudget = replayBudget;
    }

    String id() {
        return transport.id();
    }

    /**
     * By its sequence, unique in its hub, rather than by identity: the sets of followers iterate in
     * the same order every run, so that a delivery simulation replays exactly from its seed.
     */
    @Override
    public int hashCode() {
        return Long.hashCode(sequence);
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    boolean greeted() {
        return beforeHello == null;
    }

    /** Holds a frame back until hello is sent; false once it has been. */
    boolean holdBackUntilHello(Frame frame) {
        if (greeted()) {
            return false;
        }
        beforeHello.add(frame);
        return true;
    }

    /** Keeps a {@code resume} that came before hello, to apply once hello is sent. */
    void resumeAfterHello(Map<Long, Long> seen) {
        resumeBeforeHello.putAll(seen);
    }

    /** Marks hello as sent; returns the frames and the resume that waited for it. */
    List<Frame> greet(Map<Long, Long> resume) {
        List<Frame> held = beforeHello;
        beforeHello = null;
        resume.putAll(resumeBeforeHello);
        resumeBeforeHello.clear();
        return held;
    }

    boolean follows(long listId) {
        return positions.containsKey(listId);
    }

    /** Where the connection is in a list, or null when it does not follow it. */
    Position position(long listId) {
        return positions.get(listId);
    }

    void follow(long listId, Position position) {
        positions.put(listId, position);
    }

    /** The lists and hello read for the connection, with the frame they make. */
    record Greeting(ChangeSource.Opening opening, Frame hello) {
    }

    /** Stops following the list, whose change of version {@code endedAt} was the last sent. */
    void unfollow(long listId, long endedAt) {
        positions.remove(listId);
        if (ended == null) {
            ended = new HashMap<>();
        }
        ended.merge(listId, endedAt, Math::max);
    }

    /** The version that ended the connection's last following of the list; 0 when it never ended. */
    long endedAt(long listId) {
        return ended == null ? 0 : ended.getOrDefault(listId, 0L);
    }

    Set<Long> followed() {
        return positions.keySet();
    }

    /** Where the connection is in each list it follows, {@code list:version,...}: an event stream's event id. */
    String place() {
        StringBuilder place = new StringBuilder();
        positions.forEach((listId, position) -> {
            if (!place.isEmpty()) {
                place.append(',');
            }
            place.append(listId).append(':').append(position.sent);
        });
        return place.toString();
    }
}
