package io.livetodo.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.common.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** SPEC §8, due dates: what a client may send, and the instant a moment names, across time zones' changes. */
class DueTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aDayHasNoInstantAndAMomentHasTheOneItsZoneGives() throws Exception {
        Due day = Due.read(json("{\"date\": \"2026-12-24\"}"));
        assertThat(day.date()).isEqualTo(LocalDate.of(2026, 12, 24));
        assertThat(day.time()).isNull();
        assertThat(day.at()).isNull();

        Due moment = Due.read(json("{\"date\": \"2026-12-24\", \"time\": \"18:30\", \"time_zone\": \"Europe/Paris\"}"));
        assertThat(moment.at()).isEqualTo(Instant.parse("2026-12-24T17:30:00Z"));
        Due summer =
                Due.read(json("{\"date\": \"2026-07-14\", \"time\": \"09:00\", \"time_zone\": \"America/New_York\"}"));
        assertThat(summer.at()).isEqualTo(Instant.parse("2026-07-14T13:00:00Z"));
        assertThat(Due.read(null)).isNull();
        assertThat(Due.read(json("null"))).isNull();
    }

    @Test
    void aTimeTheClockSkipsIsMovedLaterByTheGapAndOneItShowsTwiceIsTheEarlier() throws Exception {
        // Europe/Paris skips 02:00-03:00 on 29 March 2026 and shows 02:00-03:00 twice on 25 October.
        Due skipped =
                Due.read(json("{\"date\": \"2026-03-29\", \"time\": \"02:30\", \"time_zone\": \"Europe/Paris\"}"));
        assertThat(skipped.at()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        Due twice = Due.read(json("{\"date\": \"2026-10-25\", \"time\": \"02:30\", \"time_zone\": \"Europe/Paris\"}"));
        assertThat(twice.at()).isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void anythingElseIs422OnDue() {
        for (String bad : new String[] {
            "\"2026-12-24\"",
            "{}",
            "{\"date\": \"2026-02-30\"}",
            "{\"date\": \"24/12/2026\"}",
            "{\"date\": \"+12026-12-24\"}",
            "{\"date\": 20261224}",
            "{\"time\": \"10:00\", \"time_zone\": \"UTC\"}",
            "{\"date\": \"2026-12-24\", \"time\": \"10:00\"}",
            "{\"date\": \"2026-12-24\", \"time_zone\": \"UTC\"}",
            "{\"date\": \"2026-12-24\", \"time\": \"25:00\", \"time_zone\": \"UTC\"}",
            "{\"date\": \"2026-12-24\", \"time\": \"10:00:00\", \"time_zone\": \"UTC\"}",
            "{\"date\": \"2026-12-24\", \"time\": \"10:00\", \"time_zone\": \"Mars/Olympus\"}",
            "{\"date\": \"2026-12-24\", \"time\": \"10:00\", \"time_zone\": \"+02:00\"}",
            "{\"date\": \"2026-12-24\", \"when\": \"soon\"}",
        }) {
            assertThatThrownBy(() -> Due.read(json(bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.status()).isEqualTo(422))
                    .satisfies(e -> assertThat(((ApiException) e).body().details())
                            .singleElement()
                            .satisfies(detail -> assertThat(detail.field()).isEqualTo("due")));
        }
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
