package io.livetodo.common;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** How long something a client makes lasts: an ISO-8601 duration it gives, within a longest. */
public final class Lifetime {

    private Lifetime() {}

    /**
     * {@code given} as a duration from one second up to {@code longest}; {@code usual} when it is
     * null; else 422 on {@code field}.
     */
    public static Duration of(String given, Duration usual, Duration longest, String field) {
        if (given == null) {
            return usual;
        }
        try {
            Duration lifetime = Duration.parse(given);
            if (!lifetime.isNegative() && !lifetime.isZero() && lifetime.compareTo(longest) <= 0) {
                return lifetime;
            }
        } catch (DateTimeParseException e) {
            // Answered below, as a duration out of range is.
        }
        throw ApiException.invalid(
                field,
                "is an ISO-8601 duration from PT1S to P" + longest.toDays() + "D, such as P" + usual.toDays() + "D");
    }
}
