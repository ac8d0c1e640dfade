package io.livetodo.live;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The changes this instance was told of lately, for {@link LiveHub} and confined to its context.
 * A change may be told more than once (its announcement, then the change feed's sweep): this tells
 * which joins are news, and the newest version told of each list, which also lets a connection
 * whose versions were read just before a change know to catch up. Lately: the last two spans of
 * {@code rememberMillis}, which must be longer than a change may be told again.
 */
final class ToldChanges {

    private record Join(long listId, long version) {}

    private final long rememberMillis;
    private Map<Long, Long> newest = new HashMap<>();
    private Map<Long, Long> newestBefore = new HashMap<>();
    private Set<Join> joins = new HashSet<>();
    private Set<Join> joinsBefore = new HashSet<>();
    private long since;

    ToldChanges(long rememberMillis, long nowMillis) {
        this.rememberMillis = rememberMillis;
        this.since = nowMillis;
    }

    /** Whether the {@code member.added} of this version is told for the first time. */
    boolean firstOfJoin(long listId, long version) {
        Join join = new Join(listId, version);
        return !joinsBefore.contains(join) && joins.add(join);
    }

    /** Notes the version told of the list. */
    void note(long listId, long version) {
        newest.merge(listId, version, Math::max);
    }

    /** The newest version told of the list lately; 0 when none was. */
    long newest(long listId) {
        return Math.max(newest.getOrDefault(listId, 0L), newestBefore.getOrDefault(listId, 0L));
    }

    /** Forgets the span before last, once a span has passed. */
    void forgetOld(long nowMillis) {
        if (nowMillis - since >= rememberMillis) {
            since = nowMillis;
            newestBefore = newest;
            newest = new HashMap<>();
            joinsBefore = joins;
            joins = new HashSet<>();
        }
    }
}
