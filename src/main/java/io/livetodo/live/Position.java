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

    Position(long start, long joined) {
        this.sent = start;
        this.start = start;
        this.joined = joined;
    }

    enum Resume {
        NOTHING_MISSED, REPLAY, RESYNC
    }

    /**
     * What a client that says it saw {@code seen} gets: the changes after it replayed, unless that
     * would break the order (newer changes went out already, or are being read), reach back before
     * the user joined, or spend more than the connection's {@code replayBudget}; then the client
     * reloads the list (resync).
     */
    Resume resumeFrom(long seen, long replayBudget) {
        if (seen >= sent) {
            return Resume.NOTHING_MISSED;
        }
        if (sent > start || catchingUp || seen < joined - 1 || sent - seen > replayBudget) {
            return Resume.RESYNC;
        }
        return Resume.REPLAY;
    }
}
