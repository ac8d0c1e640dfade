package io.livetodo.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks guarantees 1 and 2 of the live protocol (docs/live-protocol.md) over everything one
 * client receives, one connection after another, as it arrives:
 * <ul>
 * <li>hello comes first on each connection;</li>
 * <li>a list's versions never repeat and never go backwards on a connection, and follow on
 * from each other while the list is followed: from hello's version, or from the version the
 * client resumed from;</li>
 * <li>after its user's {@code member.removed} (or the list's {@code list.deleted}) nothing of
 * the list arrives until a {@code member.added} of that user starts a new span; a list not in
 * hello starts the same way;</li>
 * <li>a {@code resume} is answered by the versions after it, none missing and none twice, or by
 * {@code resync} only where the protocol allows it: the replay would reach back before the user
 * joined or past the kept history ({@link History}), or spend more than the connection's replay
 * budget, or the resume came after changes of the list had gone out on the connection;</li>
 * <li>a {@code resync} without a resume only where the kept history no longer reaches back to
 * where the connection was in the list (or to the {@code member.added} that would start a span,
 * whose place the resync then takes).</li>
 * </ul>
 * The client it stands for holds, per list, the newest version it has; that is what it resumes
 * from on its next connection ({@link #resumePoint}). Thread-safe: clients feed it from their
 * reading threads.
 */
public final class GuaranteeCheck {

    /** What the check reads of a message: its type, list and version, the user a member change is about, hello's lists. */
    public record Message(String type, long listId, long version, String member, Map<Long, Long> lists) {

        public static Message of(JsonNode json) {
            Map<Long, Long> lists = new LinkedHashMap<>();
            for (JsonNode list : json.path("lists")) {
                lists.put(list.path("id").asLong(), list.path("version").asLong());
            }
            JsonNode member = json.path("data").path("username");
            return new Message(
                    json.path("type").asText(),
                    json.path("list_id").asLong(),
                    json.path("version").asLong(),
                    member.isTextual() ? member.asText() : null,
                    lists);
        }

        /** Changes are the types with a dot: {@code todo.created}, {@code member.removed}, ... */
        boolean isChange() {
            return type.indexOf('.') > 0;
        }

        boolean ends(String username) {
            return type.equals("list.deleted") || type.equals("member.removed") && username.equals(member);
        }

        boolean joins(String username) {
            return type.equals("member.added") && username.equals(member);
        }
    }

    /** Whether the changes of a list after a version can no longer be replayed to this client's user. */
    public interface History {

        /** Older than the kept history, or from before the user (last) joined the list. */
        boolean gone(long listId, long after);

        /** For clients whose history is never pruned while they run and who resume only from what they were sent. */
        History KEPT = (listId, after) -> false;
    }

    private static final class ListState {
        boolean following;
        /** Where the stream of the list is: hello's version, then the last change received. */
        long last;
        /** The newest version received as a change on this connection: none may repeat it or come before it. */
        long highest;
        /** A resume not answered yet, from this version: the next change is the one after it, or resync comes. */
        Long resumeFrom;
        /** A change of the list arrived on this connection: a resume answered after it cannot be replayed in order. */
        boolean changed;
        /** After a resync the client reloads the list; the stream goes on from wherever the server stands. */
        boolean resynced;
        /** The version the client reloaded the list at, after a resync. */
        long reloaded;
    }

    private static final class Connection {
        final int number;
        boolean greeted;
        /** It resumed from an event id whose place the client cannot know the server still has: any list may be resynced. */
        boolean placeUnknown;

        final Map<Long, Long> resumedBeforeHello = new HashMap<>();
        final Map<Long, ListState> lists = new HashMap<>();
        /** What its resumes asked to replay, in all: past the budget, some list is answered with resync (which, is the server's order). */
        long asked;

        Connection(int number) {
            this.number = number;
        }
    }

    /** A resync that is by the book only if the history after that version is gone. */
    private record Unexplained(int connection, long listId, long after) {}

    private final String username;
    private final long maxReplay;
    private final History history;
    private final List<String> violations = new ArrayList<>();
    private final List<Unexplained> unexplained = new ArrayList<>();
    /** Per list the client has: the newest version it holds. */
    private final Map<Long, Long> held = new HashMap<>();

    private Connection connection;
    private int connections;

    /** {@code maxReplay}: what the server may replay on one connection in all ({@code livetodo.live.max-replay}). */
    public GuaranteeCheck(String username, long maxReplay, History history) {
        this.username = username;
        this.maxReplay = maxReplay;
        this.history = history;
    }

    /** The user whose client this is. */
    public String username() {
        return username;
    }

    /** A new connection of the client's; returns its number, which the rest of its calls name. */
    public synchronized int opened() {
        connection = new Connection(++connections);
        return connection.number;
    }

    /** Where the client resumes from: per list it holds, the newest version it has. */
    public synchronized Map<Long, Long> resumePoint() {
        return Map.copyOf(held);
    }

    /**
     * In a place resumed from: the list was resynced and the client has not had a change of it
     * since, so the stream goes on from wherever the server stands, as it would have on the
     * connection that sent the resync.
     */
    public static final long RESYNCED = -1;

    /** The connection's request named an event the server may not know (any more): it may resync every list. */
    public synchronized void resumedFromUnknownPlace(int number) {
        if (current(number)) {
            connection.placeUnknown = true;
        }
    }

    /** The client sent {@code resume} (or its request carried a place to resume from). */
    public synchronized void resumed(int number, Map<Long, Long> lists) {
        if (!current(number)) {
            return;
        }
        if (!connection.greeted) {
            connection.resumedBeforeHello.putAll(lists);
            return;
        }
        lists.forEach((listId, from) -> {
            ListState list = connection.lists.get(listId);
            if (list != null && list.following && from == RESYNCED) {
                list.resynced = true;
            } else if (list != null && list.following && from < list.last) {
                list.resumeFrom = from;
                connection.asked += list.last - from;
                held.put(listId, from);
            }
        });
    }

    public synchronized void received(int number, Message message) {
        if (!current(number)) {
            return;
        }
        if (!connection.greeted) {
            if (!message.type().equals("hello")) {
                violation("%s came before hello", describe(message));
                return;
            }
            hello(message.lists());
        } else if (message.type().equals("hello")) {
            violation("a second hello");
        } else if (message.type().equals("resync")) {
            resync(message.listId());
        } else if (message.isChange()) {
            change(message);
        }
    }

    /** The connection ended. */
    public synchronized void closed(int number) {
        if (current(number)) {
            connection = null;
        }
    }

    /** After a resync, the client read the list over HTTP, at that version. */
    public synchronized void reloaded(int number, long listId, long version) {
        ListState list = current(number) ? connection.lists.get(listId) : null;
        if (list != null && list.following) {
            list.reloaded = Math.max(list.reloaded, version);
            held.merge(listId, version, Math::max);
        }
    }

    /** After a resync, the client found the list gone when it read it over HTTP: it holds nothing of it to resume. */
    public synchronized void lost(int number, long listId) {
        if (current(number)) {
            held.remove(listId);
        }
    }

    /** Whether the current connection follows the list and the client has reached at least that version of it. */
    public synchronized boolean reached(long listId, long version) {
        ListState list = connection == null ? null : connection.lists.get(listId);
        return list != null
                && list.following
                && list.resumeFrom == null
                && Math.max(list.last, list.reloaded) >= version;
    }

    /** Where the current connection is in the list, as the check sees it, for a failure's message. */
    public synchronized String describe(long listId) {
        ListState list = connection == null ? null : connection.lists.get(listId);
        if (list == null) {
            return connection == null ? "no connection" : "not in hello, never joined";
        }
        return "%s at version %d%s%s"
                .formatted(
                        list.following ? "following" : "not following",
                        Math.max(list.last, list.reloaded),
                        list.resumeFrom == null ? "" : ", its resume from " + list.resumeFrom + " unanswered",
                        list.resynced ? ", resynced" : "");
    }

    /** Every breach of the guarantees seen so far; the resyncs that only the kept history can explain are checked now. */
    public synchronized List<String> violations() {
        List<String> all = new ArrayList<>(violations);
        for (Unexplained resync : unexplained) {
            if (!history.gone(resync.listId(), resync.after())) {
                all.add("connection %d: resync for list %d, whose changes after %d could have been replayed"
                        .formatted(resync.connection(), resync.listId(), resync.after()));
            }
        }
        return all;
    }

    /** Fails with every breach seen, naming the user. */
    public void assertHeld() {
        List<String> all = violations();
        if (!all.isEmpty()) {
            throw new AssertionError("guarantees 1 and 2 broken for " + username + ":\n  " + String.join("\n  ", all));
        }
    }

    private void hello(Map<Long, Long> lists) {
        connection.greeted = true;
        held.keySet().retainAll(lists.keySet());
        lists.forEach((listId, version) -> {
            ListState list = new ListState();
            list.following = true;
            list.last = version;
            Long from = connection.resumedBeforeHello.get(listId);
            if (from != null && from == RESYNCED) {
                list.resynced = true;
                held.remove(listId);
            } else if (from != null && from < version) {
                list.resumeFrom = from;
                connection.asked += version - from;
                held.put(listId, from);
            } else {
                held.put(listId, version);
            }
            connection.lists.put(listId, list);
        });
    }

    private void resync(long listId) {
        ListState list = connection.lists.get(listId);
        if (list == null || !list.following) {
            // Only when the member.added that would start the span is older than the kept history.
            unexplained.add(new Unexplained(connection.number, listId, list == null ? 0 : list.highest));
            list = list != null ? list : new ListState();
            connection.lists.put(listId, list);
            list.following = true;
            list.resynced = true;
            held.remove(listId);
            return;
        }
        if (list.resumeFrom != null) {
            long from = list.resumeFrom;
            list.resumeFrom = null;
            if (!list.changed && connection.asked <= maxReplay) {
                unexplained.add(new Unexplained(connection.number, listId, from));
            }
        } else if (!connection.placeUnknown || list.changed) {
            unexplained.add(new Unexplained(connection.number, listId, list.last));
        }
        list.resynced = true;
        held.remove(listId);
    }

    private void change(Message message) {
        long listId = message.listId();
        long version = message.version();
        ListState list = connection.lists.get(listId);
        if (list == null || !list.following) {
            if (!message.joins(username)) {
                violation("%s of a list it does not follow", describe(message));
                return;
            }
            if (list != null && version <= list.highest) {
                violation("%s after version %d of it", describe(message), list.highest);
                return;
            }
            list = list != null ? list : new ListState();
            connection.lists.put(listId, list);
            list.following = true;
        } else if (version <= list.highest) {
            violation("%s again or backwards, after version %d", describe(message), list.highest);
            return;
        } else if (list.resumeFrom != null) {
            long from = list.resumeFrom;
            if (version == from + 1) {
                list.resumeFrom = null;
            } else if (version != list.last + 1) {
                violation(
                        "%s, while the resume from %d or the stream at %d was due", describe(message), from, list.last);
            }
        } else if (list.resynced) {
            list.resynced = false;
        } else if (version != list.last + 1) {
            violation("%s after version %d: %d missing", describe(message), list.last, version - list.last - 1);
        }
        list.last = version;
        list.highest = version;
        list.changed = true;
        if (list.resumeFrom == null) {
            held.merge(listId, version, Math::max);
        }
        if (message.ends(username)) {
            // A resume still unanswered concerned this span, which is over: nothing is owed for it.
            list.following = false;
            list.resumeFrom = null;
            held.remove(listId);
        }
    }

    private boolean current(int number) {
        return connection != null && connection.number == number;
    }

    private void violation(String format, Object... args) {
        violations.add("connection " + connection.number + ": " + format.formatted(args));
    }

    private static String describe(Message message) {
        return message.type() + " version " + message.version() + " of list " + message.listId();
    }
}
