package io.livetodo.live.wire;

/**
 * Every code a live connection is closed with (RFC 6455, section 7.4.1), in one place, and what
 * its client does on it (docs/live-protocol.md, Closing).
 */
public final class CloseCodes {

    /** Done: an event stream that a newer one of its browser resumed. */
    public static final int NORMAL = 1000;
    /** The server is going (shutting down) or ends the connection for it to come back (no pongs, a stream's renewal): reconnect and resume. */
    public static final int GOING_AWAY = 1001;
    /** The session ended, or the client broke a rule: log in again, or send less. */
    public static final int POLICY_VIOLATION = 1008;
    /** A message over the size limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** The server could not read what the connection needs: reconnect and resume. */
    public static final int SERVER_ERROR = 1011;
    /** The client left too much unread: reconnect and resume. */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {}
}
