package io.livetodo.live;

import io.livetodo.change.ChangeType;
import io.livetodo.live.wire.Frame;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The delivery simulation's database: lists with their change logs, memberships and sessions,
 * read through {@link ChangeSource} as the hub reads PostgreSQL. A read does not answer when it
 * is asked: the simulation takes its snapshot at one step and answers it (or fails it) at a later
 * one, so that reads see the database as it was some time after they were asked, and answer
 * late and in any order, as a pool's reads do.
 */
final class SimWorld implements ChangeSource {

    /** A read in flight. */
    static final class Read<T> {
        final String what;
        private final Supplier<T> query;
        private final UniEmitter<? super T> emitter;
        private T result;
        boolean taken;

        Read(String what, Supplier<T> query, UniEmitter<? super T> emitter) {
            this.what = what;
            this.query = query;
            this.emitter = emitter;
        }

        @Override
        public String toString() {
            return what + (taken ? " = " + result : "");
        }

        void snapshot() {
            result = query.get();
            taken = true;
        }

        void answer() {
            emitter.complete(result);
        }

        void fail() {
            emitter.fail(new IllegalStateException("the simulated database failed this read"));
        }
    }

    static final class SimList {
        final long id;
        final long owner;
        long version;
        boolean deleted;
        /** Versions up to this one were pruned from the log. */
        long pruned;

        final List<Change> log = new ArrayList<>();
        /** Member's user id to the version of their (last) member.added. */
        final Map<Long, Long> members = new HashMap<>();
        /** Every member.added, by user: what the check's history rule needs. */
        final Map<Long, List<Long>> joins = new HashMap<>();
        /** Per user, every version made while they were a member: from their member.added to what ends it. */
        final Map<Long, Set<Long>> seenBy = new HashMap<>();

        SimList(long id, long owner) {
            this.id = id;
            this.owner = owner;
        }
    }

    /** A committed change, as the announcer and the feed's sweep know it. */
    record Committed(long listId, long version, String joined, long atMillis) {}

    final List<Read<?>> reads = new ArrayList<>();
    /** Each change by the frame it is sent in, for reading what clients receive. */
    final Map<Frame, Change> byFrame = new IdentityHashMap<>();

    final Map<Long, SimList> lists = new TreeMap<>();
    final List<Committed> committed = new ArrayList<>();
    final Set<Long> activeSessions = new HashSet<>();
    private final Map<Long, String> usernames;
    private long nextListId = 100;

    SimWorld(Map<Long, String> usernames) {
        this.usernames = usernames;
    }

    String username(long userId) {
        return usernames.get(userId);
    }

    SimList create(long owner, long nowMillis) {
        SimList list = new SimList(nextListId++, owner);
        lists.put(list.id, list);
        join(list, owner, nowMillis);
        return list;
    }

    void join(SimList list, long userId, long nowMillis) {
        long version = record(list, ChangeType.MEMBER_ADDED, username(userId), userId, nowMillis);
        list.members.put(userId, version);
        list.joins.computeIfAbsent(userId, k -> new ArrayList<>()).add(version);
    }

    void leave(SimList list, long userId, long nowMillis) {
        record(list, ChangeType.MEMBER_REMOVED, username(userId), userId, nowMillis);
        list.members.remove(userId);
    }

    void write(SimList list, long nowMillis) {
        record(list, ChangeType.TODO_CREATED, null, list.owner, nowMillis);
    }

    void delete(SimList list, long nowMillis) {
        record(list, ChangeType.LIST_DELETED, null, list.owner, nowMillis);
        list.deleted = true;
        list.members.clear();
    }

    /** Whether the user's changes of the list after that version can no longer be replayed: pruned, or before a later join. */
    boolean gone(long userId, long listId, long after) {
        SimList list = lists.get(listId);
        return after < list.pruned
                || list.joins.getOrDefault(userId, List.of()).stream().anyMatch(joined -> after < joined - 1);
    }

    /** Whether the user was a member of the list when that version was made: only then may they receive it. */
    boolean mayReceive(long userId, long listId, long version) {
        return lists.get(listId).seenBy.getOrDefault(userId, Set.of()).contains(version);
    }

    private long record(SimList list, ChangeType type, String member, long by, long nowMillis) {
        long version = ++list.version;
        for (long user : list.members.keySet()) {
            list.seenBy.computeIfAbsent(user, k -> new HashSet<>()).add(version);
        }
        if (type == ChangeType.MEMBER_ADDED) {
            long joining = usernames.entrySet().stream()
                    .filter(user -> user.getValue().equals(member))
                    .findFirst()
                    .orElseThrow()
                    .getKey();
            list.seenBy.computeIfAbsent(joining, k -> new HashSet<>()).add(version);
        }
        String data =
                member != null ? "{\"username\":\"" + member + "\",\"role\":\"member\"}" : "{\"id\":" + version + "}";
        Change change = Change.of(list.id, version, type, member, username(by), "2026-01-01T00:00:00Z", data, null);
        list.log.add(change);
        byFrame.put(change.frame(), change);
        committed.add(new Committed(list.id, version, type == ChangeType.MEMBER_ADDED ? member : null, nowMillis));
        return version;
    }

    @Override
    public Uni<Batch> after(long listId, long version, int limit) {
        return read("after(list " + listId + ", v" + version + ")", () -> batch(listId, null, version, limit));
    }

    @Override
    public Uni<Batch> missed(long listId, long userId, long version, int limit) {
        return read(
                "missed(list " + listId + ", user " + userId + ", v" + version + ")",
                () -> batch(listId, userId, version, limit));
    }

    private Batch batch(long listId, Long userId, long version, int limit) {
        SimList list = lists.get(listId);
        List<Change> changes = new ArrayList<>();
        for (long v = Math.max(version, list.pruned) + 1; v <= list.version && changes.size() < limit; v++) {
            changes.add(list.log.get((int) v - 1));
        }
        return new Batch(changes, list.deleted ? null : list.version, userId == null ? null : list.members.get(userId));
    }

    @Override
    public Uni<Opening> opening(long userId, long sessionId) {
        return read(
                "opening(user " + userId + ")", () -> new Opening(activeSessions.contains(sessionId), listsOf(userId)));
    }

    @Override
    public Uni<Map<Long, List<MemberOf>>> memberships(Collection<Long> userIds) {
        List<Long> users = List.copyOf(userIds);
        return read("memberships" + users, () -> {
            Map<Long, List<MemberOf>> memberships = new HashMap<>();
            for (long userId : users) {
                memberships.put(userId, listsOf(userId));
            }
            return memberships;
        });
    }

    @Override
    public Uni<Long> joined(long listId, long userId) {
        return read(
                "joined(list " + listId + ", user " + userId + ")",
                () -> lists.get(listId).members.get(userId));
    }

    @Override
    public Uni<Set<Long>> activeSessions(Collection<Long> sessionIds) {
        List<Long> asked = List.copyOf(sessionIds);
        return read("sessions" + asked, () -> {
            Set<Long> active = new HashSet<>(asked);
            active.retainAll(activeSessions);
            return active;
        });
    }

    private List<MemberOf> listsOf(long userId) {
        List<MemberOf> of = new ArrayList<>();
        for (SimList list : lists.values()) {
            Long joined = list.members.get(userId);
            if (joined != null) {
                of.add(new MemberOf(list.id, list.version, joined));
            }
        }
        return of;
    }

    private <T> Uni<T> read(String what, Supplier<T> query) {
        return Uni.createFrom().emitter(emitter -> reads.add(new Read<>(what, query, emitter)));
    }
}
