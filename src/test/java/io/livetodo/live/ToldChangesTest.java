package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hub's memory of the changes it was told of, without a server. */
class ToldChangesTest {

    private static final long SPAN = 10_000;

    @Test
    void aJoinToldAgainIsNotNewsForTwoSpans() {
        ToldChanges told = new ToldChanges(SPAN, 0);
        assertThat(told.firstOfJoin(7, 3)).isTrue();
        assertThat(told.firstOfJoin(7, 3)).isFalse();
        told.forgetOld(SPAN);
        assertThat(told.firstOfJoin(7, 3)).as("told again within the next span").isFalse();
        assertThat(told.firstOfJoin(7, 4))
                .as("another version of the same list")
                .isTrue();
    }

    @Test
    void aJoinIsForgottenAfterTwoSpans() {
        ToldChanges told = new ToldChanges(SPAN, 0);
        told.firstOfJoin(7, 3);
        told.forgetOld(SPAN);
        told.forgetOld(2 * SPAN);
        assertThat(told.firstOfJoin(7, 3)).isTrue();
    }

    @Test
    void theNewestVersionToldIsKeptWhateverTheOrderTheyArrive() {
        ToldChanges told = new ToldChanges(SPAN, 0);
        told.note(7, 12);
        told.note(7, 11);
        assertThat(told.newest(7)).isEqualTo(12);
        assertThat(told.newest(8)).isZero();
    }

    @Test
    void aSpanIsForgottenOnlyOnceItHasPassed() {
        ToldChanges told = new ToldChanges(SPAN, 0);
        told.note(7, 12);
        told.forgetOld(SPAN - 1);
        told.forgetOld(SPAN);
        assertThat(told.newest(7)).as("in the span before").isEqualTo(12);
        told.forgetOld(2 * SPAN - 1);
        assertThat(told.newest(7)).isEqualTo(12);
        told.forgetOld(2 * SPAN);
        assertThat(told.newest(7)).isZero();
    }
}
