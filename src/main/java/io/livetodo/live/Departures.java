package io.livetodo.live;

/** Told when a connection stops following a list, or goes: {@link Presence} keeps who looks at what by it. */
interface Departures {

    void unfollowed(Follower follower, long listId);

    void gone(Follower follower);
}
