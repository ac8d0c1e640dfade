package io.livetodo.live;

import io.livetodo.common.CurrentUser;
import io.livetodo.live.wire.Frame;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    /** An event stream's place as of each event it is sent, which its events' ids name; null for a WebSocket. */
    final StreamPlace streamPlace;
    /** When an event stream is ended for its browser to reconnect: see {@link LiveHub#ping}. */
    long streamEndsAtMillis = Long.MAX_VALUE;
    /** Lists the client is to reload once hello is sent (all of them, for {@link #RELOAD_ALL}), as its place in them is unknown. */
    private Set<Long> reloadAfterHello;

    /** In {@link #reloadAfterHello}: every list hello names. */
    static final Set<Long> RELOAD_ALL = Set.of(-1L);

    Follower(
            Transport transport,
            InboundGuard guard,
            long sequence,
            CurrentUser user,
            long sessionEndsAtMillis,
            long replayBudget) {
        this(transport, guard, sequence, user, sessionEndsAtMillis, replayBudget, null);
    }

    Follower(
            Transport transport,
            InboundGuard guard,
            long sequence,
            CurrentUser user,
            long sessionEndsAtMillis,
            long replayBudget,
            StreamPlace streamPlace) {
        this.streamPlace = streamPlace;
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

    /** Keeps, to apply once hello is sent, lists the client is to reload; {@link #RELOAD_ALL} for all it will follow. */
    void reloadAfterHello(Set<Long> lists) {
        if (reloadAfterHello == RELOAD_ALL || lists.isEmpty()) {
            return;
        }
        if (lists == RELOAD_ALL) {
            reloadAfterHello = RELOAD_ALL;
            return;
        }
        if (reloadAfterHello == null) {
            reloadAfterHello = new HashSet<>();
        }
        reloadAfterHello.addAll(lists);
    }

    /**
     * Marks hello as sent; returns the frames and the resume that waited for it, and adds to
     * {@code reload} the lists to reload ({@link #RELOAD_ALL}'s one element for all hello names).
     */
    List<Frame> greet(Map<Long, Long> resume, Set<Long> reload) {
        List<Frame> held = beforeHello;
        beforeHello = null;
        resume.putAll(resumeBeforeHello);
        resumeBeforeHello.clear();
        if (reloadAfterHello != null) {
            reload.addAll(reloadAfterHello);
            reloadAfterHello = null;
        }
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
        Position replaced = positions.put(listId, position);
        if (streamPlace != null) {
            streamPlace.moved(listId, replaced == null ? null : replaced.sent, false);
        }
    }

    /** The connection is sent the list's version {@code version} next: its place in the list moves there with that frame. */
    void advance(long listId, long version) {
        Position position = positions.get(listId);
        if (streamPlace != null) {
            streamPlace.moved(listId, position.sent, true);
        }
        position.sent = version;
    }

    /** The lists and hello read for the connection, with the frame they make. */
    record Greeting(ChangeSource.Opening opening, Frame hello) {}

    /** Stops following the list, whose change of version {@code endedAt} was the last sent. */
    void unfollow(long listId, long endedAt) {
        Position left = positions.remove(listId);
        if (streamPlace != null && left != null) {
            streamPlace.moved(listId, left.sent, false);
        }
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

    /** Where the connection is in each list it follows: the last version sent. */
    Map<Long, Long> place() {
        Map<Long, Long> place = new HashMap<>();
        positions.forEach((listId, position) -> place.put(listId, position.sent));
        return place;
    }
}
