package io.livetodo.change;

/** What the {@link ChangeFeed} tells of committed changes: the live hub, which delivers them. */
public interface ChangeListener {

    /** How long after a change was first told it may be told again: as far back as the feed's sweep reads. */
    int TOLD_AGAIN_WITHIN_SECONDS = 5;

    /** A change was committed; {@code joined} names the member it added, if it added one. It may be told more than once. */
    void changed(long listId, long version, String joined);

    /** The feed listens again after a while when it did not: whatever was announced meanwhile went unheard. */
    void missedChanges();

    /** Whether anything here follows changes at all; when nothing does, the feed does not sweep. */
    boolean following();
}
