package io.livetodo.live;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * An event stream's place in each of its lists, as of any event it was sent, found from the
 * event's id, {@code <token>.<n>}: the stream's random token and the event's number on it. A
 * browser sends the last id it received back as {@code Last-Event-ID}; the id stays this size
 * however many lists the user has, and the server resolves it ({@link #at}).
 *
 * <p>The place at event {@code n} is the connection's place now, with the moves made after that
 * event undone: each move is kept with the version it replaced. A move forward (a change or a
 * resync sent) belongs to the event that carries it; any other (following a list, leaving one,
 * a resume moving back) takes effect at once. Only the last {@link #KEPT} moves are kept: a
 * client further behind than that is told to reload the lists whose moves were forgotten.
 * Confined to the hub's loop while the stream is open.
 */
final class StreamPlace {

    /** Moves kept per stream: far more than can be in flight to a client when its stream drops. */
    static final int KEPT = 1024;
    /** The version a move replaced when the list was not followed before it. */
    private static final long NOT_FOLLOWED = -1;

    private static final SecureRandom RANDOM = new SecureRandom();

    final String token;
    /** Placed events sent: the last one's number. */
    private long events;
    /** A ring of moves, oldest first from {@code first}: the event it belongs to, the list, the version it replaced. */
    private long[] moves = new long[3 * 8];

    private int first;
    private int size;
    /** Per list, the newest event a forgotten move of it belonged to: before it, the list's place is unknown. */
    private Map<Long, Long> forgotten;

    StreamPlace(String token) {
        this.token = token;
    }

    /** A stream with a new random token. */
    static StreamPlace fresh() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return new StreamPlace(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The id of the next placed event, which it takes. */
    String nextId() {
        return token + "." + ++events;
    }

    long events() {
        return events;
    }

    /**
     * The connection's place in the list moved from {@code replaced} (or from not following it);
     * {@code withNextEvent} when the next placed event carries the move. Moves before the first
     * event (hello) make the place hello gives, and need not be undone.
     */
    void moved(long listId, Long replaced, boolean withNextEvent) {
        if (events == 0) {
            return;
        }
        if (size == KEPT) {
            forget();
        }
        if (3 * size == moves.length) {
            grow();
        }
        int at = 3 * ((first + size) % (moves.length / 3));
        moves[at] = withNextEvent ? events + 1 : events;
        moves[at + 1] = listId;
        moves[at + 2] = replaced == null ? NOT_FOLLOWED : replaced;
        size++;
    }

    private void forget() {
        if (forgotten == null) {
            forgotten = new HashMap<>();
        }
        forgotten.merge(moves[3 * first + 1], moves[3 * first], Math::max);
        first = (first + 1) % (moves.length / 3);
        size--;
    }

    private void grow() {
        long[] larger = new long[Math.min(2 * moves.length, 3 * KEPT)];
        int slots = moves.length / 3;
        for (int i = 0; i < size; i++) {
            System.arraycopy(moves, 3 * ((first + i) % slots), larger, 3 * i, 3);
        }
        moves = larger;
        first = 0;
    }

    /** Where a resumed stream takes up each list: from {@code seen}, or, for {@code reload}, after the client reloads it. */
    record Resolved(Map<Long, Long> seen, Set<Long> reload) {}

    /**
     * The place at event {@code event} of this stream, given its place now; null when the stream
     * sent no such event.
     */
    Resolved at(long event, Map<Long, Long> now) {
        if (event < 1 || event > events) {
            return null;
        }
        Map<Long, Long> seen = new HashMap<>(now);
        int slots = moves.length / 3;
        for (int i = size - 1; i >= 0; i--) {
            int at = 3 * ((first + i) % slots);
            if (moves[at] <= event) {
                break;
            }
            if (moves[at + 2] == NOT_FOLLOWED) {
                seen.remove(moves[at + 1]);
            } else {
                seen.put(moves[at + 1], moves[at + 2]);
            }
        }
        Set<Long> reload = new HashSet<>();
        if (forgotten != null) {
            forgotten.forEach((listId, newest) -> {
                if (newest > event) {
                    seen.remove(listId);
                    reload.add(listId);
                }
            });
        }
        return new Resolved(seen, reload);
    }

    /** The stream as it ended, with its place then, to resolve its events' ids later, here or on another instance. */
    byte[] ended(Map<Long, Long> now) {
        int forgottenCount = forgotten == null ? 0 : forgotten.size();
        ByteBuffer bytes = ByteBuffer.allocate(8 * (4 + 2 * now.size() + 3 * size + 2 * forgottenCount));
        bytes.putLong(events).putLong(now.size()).putLong(size).putLong(forgottenCount);
        now.forEach((listId, version) -> bytes.putLong(listId).putLong(version));
        int slots = moves.length / 3;
        for (int i = 0; i < size; i++) {
            int at = 3 * ((first + i) % slots);
            bytes.putLong(moves[at]).putLong(moves[at + 1]).putLong(moves[at + 2]);
        }
        if (forgotten != null) {
            forgotten.forEach((listId, newest) -> bytes.putLong(listId).putLong(newest));
        }
        return bytes.array();
    }

    /** An ended stream, as {@link #ended} wrote it: resolves an event of it ({@link #at}). */
    static Resolved at(long event, String token, byte[] ended) {
        ByteBuffer bytes = ByteBuffer.wrap(ended);
        StreamPlace place = new StreamPlace(token);
        place.events = bytes.getLong();
        int lists = (int) bytes.getLong();
        int moves = (int) bytes.getLong();
        int forgottenCount = (int) bytes.getLong();
        Map<Long, Long> now = new HashMap<>();
        for (int i = 0; i < lists; i++) {
            now.put(bytes.getLong(), bytes.getLong());
        }
        place.moves = new long[3 * Math.max(moves, 1)];
        bytes.asLongBuffer().get(place.moves, 0, 3 * moves);
        bytes.position(bytes.position() + 8 * 3 * moves);
        place.size = moves;
        if (forgottenCount > 0) {
            place.forgotten = new HashMap<>();
            for (int i = 0; i < forgottenCount; i++) {
                place.forgotten.put(bytes.getLong(), bytes.getLong());
            }
        }
        return place.at(event, now);
    }
}
