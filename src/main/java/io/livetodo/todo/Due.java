package io.livetodo.todo;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.common.ApiException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When a todo is due: a day ({@code date}), or a moment ({@code date}, {@code time} and the
 * IANA {@code time_zone} they are in), for which {@code at} is the instant they name.
 *
 * <p>{@code at} follows java.time's rules for the zone: a local time that does not exist (a
 * spring-forward gap) is moved later by the gap's length, 02:30 becoming 03:30; one that exists
 * twice (a fall-back overlap) is the earlier of the two.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Due(
        LocalDate date, @JsonFormat(pattern = "HH:mm") LocalTime time, String timeZone, Instant at) {

    private static final String RULE =
            "is null, {\"date\": \"YYYY-MM-DD\"}, or {\"date\": \"YYYY-MM-DD\", \"time\": \"HH:MM\", \"time_zone\": \"<IANA zone>\"}";
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIME = Pattern.compile("\\d{2}:\\d{2}");
    /** What a client may send; {@code at}, which the server computes, is read back and left out. */
    private static final Set<String> FIELDS = Set.of("date", "time", "time_zone", "at");

    /** A day, or a moment with the instant it names in its zone. */
    public static Due of(LocalDate date, LocalTime time, String timeZone) {
        if (date == null) {
            return null;
        }
        if (time == null) {
            return new Due(date, null, null, null);
        }
        return new Due(
                date,
                time,
                timeZone,
                ZonedDateTime.of(date, time, ZoneId.of(timeZone)).toInstant());
    }

    /** A due as it was kept, its instant as computed when it was set; null for none. */
    public static Due kept(LocalDate date, LocalTime time, String timeZone, Instant at) {
        return date == null ? null : new Due(date, time, timeZone, at);
    }

    /** Reads a due as a client sends it: null for none; anything not in the rule fails with 422 on {@code due}. */
    public static Due read(JsonNode due) {
        if (due == null || due.isNull()) {
            return null;
        }
        if (!due.isObject()) {
            throw invalid(RULE);
        }
        for (Iterator<String> names = due.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw invalid("has no field " + name + ": it " + RULE);
            }
        }
        LocalDate date = date(due.get("date"));
        JsonNode time = due.get("time");
        JsonNode zone = due.get("time_zone");
        if (isAbsent(time) && isAbsent(zone)) {
            return of(date, null, null);
        }
        if (isAbsent(time) || isAbsent(zone)) {
            throw invalid("gives a time with its time_zone, or neither");
        }
        return of(date, time(time), zone(zone));
    }

    private static LocalDate date(JsonNode date) {
        if (isAbsent(date) || !date.isTextual() || !DATE.matcher(date.asText()).matches()) {
            throw invalid("needs a date, YYYY-MM-DD: " + RULE);
        }
        try {
            return LocalDate.parse(date.asText());
        } catch (DateTimeException e) {
            throw invalid("has a date that no calendar has: " + date.asText());
        }
    }

    private static LocalTime time(JsonNode time) {
        if (!time.isTextual() || !TIME.matcher(time.asText()).matches()) {
            throw invalid("needs its time as HH:MM");
        }
        try {
            return LocalTime.parse(time.asText());
        } catch (DateTimeException e) {
            throw invalid("has a time that no clock shows: " + time.asText());
        }
    }

    private static String zone(JsonNode zone) {
        if (!zone.isTextual() || !ZoneId.getAvailableZoneIds().contains(zone.asText())) {
            throw invalid("needs an IANA time_zone, such as Europe/Paris");
        }
        return zone.asText();
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }

    private static ApiException invalid(String message) {
        return ApiException.invalid("due", message);
    }
}
