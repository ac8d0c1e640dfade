package io.livetodo.todo;

import java.util.ArrayList;
import java.util.List;

/**
 * A todo's place in its list as a string key: a list's todos are in the order of their keys,
 * compared byte by byte, then of their ids. Only the server makes keys, under the list's lock.
 *
 * <p>A new todo's key is its id, zero-padded to 19 digits ({@link #ofId}), so a list never
 * reordered is in id order, and a new todo goes after every other. A moved todo gets a key
 * between its new neighbours' ({@link #between}), in an alphabet of 62 digits in ASCII order: the
 * digit half-way between theirs where they differ by more than one, else a longer key. To the
 * end of a list is up to the key of the next id the database will give ({@code ofId}), so every
 * key stays below those of the todos created after it.
 *
 * <p>Every key is at least 19 digits long and, but for an id's, ends with a digit other than the
 * first: no key is another with first digits added, so there is always room between two keys.
 * When a key would be longer than {@link #MOST_BYTES}, the list is renumbered ({@link
 * #renumbered}): keys of one length, spread evenly, all below any id's.
 */
public final class Positions {

    /** The longest key kept; a longer one has the list renumbered. */
    public static final int MOST_BYTES = 64;

    static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int BASE = DIGITS.length();
    private static final int WIDTH = 19;
    private static final char MIDDLE = DIGITS.charAt(BASE / 2);
    /** Below every key made from an id (ids start at 1), and a prefix of none. */
    private static final String RENUMBERED = "0".repeat(WIDTH);

    private Positions() {}

    /** The key of a new todo. */
    public static String ofId(long id) {
        if (id < 1) {
            throw new IllegalArgumentException("ids start at 1");
        }
        String digits = Long.toString(id);
        return "0".repeat(WIDTH - digits.length()) + digits;
    }

    /** A key after {@code before} ({@code null}: the start) and before {@code after}. */
    public static String between(String before, String after) {
        String low = before == null ? "" : before;
        if (low.compareTo(after) >= 0) {
            throw new IllegalArgumentException(low + " is not before " + after);
        }
        StringBuilder key = new StringBuilder();
        boolean belowAfter = false;
        for (int i = 0; ; i++) {
            int lo = i < low.length() ? digit(low.charAt(i)) : 0;
            // Below after already, or after has no digit here: which no two keys allow (see above).
            int hi = belowAfter ? BASE : digit(after.charAt(i));
            if (hi - lo > 1) {
                key.append(DIGITS.charAt((lo + hi) / 2));
                while (key.length() < WIDTH) {
                    key.append(MIDDLE);
                }
                return key.toString();
            }
            key.append(DIGITS.charAt(lo));
            // Equal digits: go on. One apart: keep the lower, and what follows is below after.
            belowAfter = hi > lo;
        }
    }

    /** Keys for {@code count} todos in order, of one length, spread evenly over what is below any id's key. */
    public static List<String> renumbered(int count) {
        int width = 1;
        for (long room = BASE; room < (count + 1L) * BASE; room *= BASE) {
            width++;
        }
        double step = Math.pow(BASE, width) / (count + 1);
        List<String> keys = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            keys.add(RENUMBERED + fixed((long) (i * step), width) + MIDDLE);
        }
        return keys;
    }

    private static String fixed(long value, int width) {
        char[] digits = new char[width];
        for (int i = width - 1; i >= 0; i--) {
            digits[i] = DIGITS.charAt((int) (value % BASE));
            value /= BASE;
        }
        return new String(digits);
    }

    private static int digit(char c) {
        int digit = DIGITS.indexOf(c);
        if (digit < 0) {
            throw new IllegalArgumentException("not a position: " + c);
        }
        return digit;
    }
}
