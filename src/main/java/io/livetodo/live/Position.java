package io.livetodo.live;

/**
 * Where a connection is in one list it follows. Updated in place: a new boxed value per frame,
 * stored into a long-lived map, would cost the garbage collector card-marking and refinement
 * work for every frame sent.
 */
final class Position {

    /** The last version sent; before anything is sent, the version the connection starts from. */
    long sent;
    /** The version the connection started following the list from (its hello, or just before joining). */
    final long start;
    /** The version at which the user was (last) added: nothing before it is theirs to see. */
    final long joined;
    /** Missed changes are being read from the change log; nothing newer is sent meanwhile. */
    boolean catchingUp;
    /**
     * Followed since hello, which named the list: a {@code resume} of it concerns this place. A
     * list followed from a later {@code member.added} is not in what the client resumes from.
     */
    private final boolean inHello;

    private Position(long start, long joined, boolean inHello) {
        this.sent = start;
        this.start = start;
        this.joined = joined;
        this.inHello = inHello;
    }

    /** From the version hello gives, for a user who (last) joined the list at {@code joined}. */
    static Position fromHello(long version, long joined) {
        return new Position(version, joined, true);
    }

    /** From the user's {@code member.added} of that version, which is the first change sent. */
    static Position fromJoin(long joined) {
        return new Position(joined - 1, joined, false);
    }

    /** Whether the client knows the list from this connection: hello named it, or it was sent a change of it. */
    boolean known() {
        return inHello || sent > start;
    }

    /** Replacing a place hello gave: from where the client resumes. */
    Position replayingFrom(long seen) {
        return new Position(seen, joined, true);
    }

    enum Resume {
        NOTHING_MISSED,
        REPLAY,
        RESYNC
    }

    /**
     * What a client that says it saw {@code seen} gets. From where the connection started or later,
     * nothing: what came after is on its way on this connection; nor for a list hello did not name. From further back, the changes
     * in between replayed, unless that would break the order (newer changes went out already on
     * this connection), reach back before the user joined, or spend more than the connection's
     * {@code replayBudget}; then the client reloads the list (resync). A catch-up still reading
     * from the start has sent nothing: the replay takes its place.
     */
    Resume resumeFrom(long seen, long replayBudget) {
        if (!inHello || seen >= start) {
            return Resume.NOTHING_MISSED;
        }
        if (sent > start || seen < joined - 1 || sent - seen > replayBudget) {
            return Resume.RESYNC;
        }
        return Resume.REPLAY;
    }
}
