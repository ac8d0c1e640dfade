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
}
