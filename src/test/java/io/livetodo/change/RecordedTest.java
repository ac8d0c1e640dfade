package io.livetodo.change;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.change.ChangeLog.Recorded;
import org.junit.jupiter.api.Test;

/** An announcement as the NOTIFY payload carries it, without a server. */
class RecordedTest {

    @Test
    void aChangeReadsBackFromItsPayload() {
        Recorded change = new Recorded(7, 42, null);
        assertThat(change.payload()).isEqualTo("7:42");
        assertThat(Recorded.ofPayload(change.payload())).isEqualTo(change);
    }

    @Test
    void aJoinCarriesItsMember() {
        Recorded join = new Recorded(7, 43, "ana.b-2");
        assertThat(Recorded.ofPayload(join.payload())).isEqualTo(join);
    }
}
