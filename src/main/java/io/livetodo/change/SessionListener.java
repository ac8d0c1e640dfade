package io.livetodo.change;

/** What the {@link ChangeFeed} tells of ended sessions: the session cache, and the live hub, which closes their connections. */
public interface SessionListener {

    /** A session ended (log-out, revocation, expiry), on any instance. */
    void sessionEnded(long sessionId);

    /** From now on, every session that ends is told. */
    default void listening() {}

    /** Until {@link #listening} again, an ended session may go untold. */
    default void lost() {}
}
