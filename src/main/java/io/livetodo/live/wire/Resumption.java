package io.livetodo.live.wire;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a new event stream resumes from, as its browser says ({@code Last-Event-ID}, or
 * {@code ?resume=}): an event of an earlier stream ({@code token} and {@code event}, the two parts
 * of an event id, {@code <token>.<n>}), or a place given list by list ({@code seen}).
 */
public record Resumption(Map<Long, Long> seen, String token, long event) {

    private static final Pattern EVENT_ID = Pattern.compile("([A-Za-z0-9_-]{22})\\.([0-9]{1,18})");

    /**
     * An event's id, or a place list by list ({@code list:version,...}, as {@code ?resume=} gives
     * it, and as the ids of streams before event ids named their stream did); a malformed one is
     * refused (IllegalArgumentException).
     */
    public static Resumption of(String from) {
        if (from != null) {
            Matcher id = EVENT_ID.matcher(from.strip());
            if (id.matches()) {
                return new Resumption(Map.of(), id.group(1), Long.parseLong(id.group(2)));
            }
        }
        return new Resumption(place(from), null, 0);
    }

    private static Map<Long, Long> place(String id) {
        Map<Long, Long> seen = new HashMap<>();
        if (id == null || id.isBlank()) {
            return seen;
        }
        for (String part : id.strip().split(",")) {
            String[] listAndVersion = part.split(":");
            try {
                if (listAndVersion.length != 2
                        || seen.put(Long.parseLong(listAndVersion[0]), Long.parseLong(listAndVersion[1])) != null) {
                    throw new NumberFormatException(part);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "A place to resume from is an event's id, or list:version pairs separated by commas.");
            }
        }
        return seen;
    }
}
