package io.livetodo.change;

/** What the {@link ChangeFeed} hears on the {@link ClusterBus}'s presence topic: which users look at a list through which instance. */
public interface PresenceListener {

    /** An announcement of an instance's viewers of a list, in the format its sender wrote (see the live hub's presence). */
    void heard(String payload);
}
