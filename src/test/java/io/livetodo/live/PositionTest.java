package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.livetodo.live.Position.Resume;

/** The resume rule, without a server. */
class PositionTest {

    @Test
    void aClientThatSawEverythingMissedNothing() {
        Position position = new Position(10, 1);
        assertThat(position.resumeFrom(10, 100)).isEqualTo(Resume.NOTHING_MISSED);
        assertThat(position.resumeFrom(12, 100)).isEqualTo(Resume.NOTHING_MISSED);
    }

    @Test
    void whatWasMissedBeforeHelloIsReplayedWithinTheBudget() {
        Position position = new Position(10, 1);
        assertThat(position.resumeFrom(4, 6)).isEqualTo(Resume.REPLAY);
        assertThat(position.resumeFrom(4, 5)).as("six missed, five allowed").isEqualTo(Resume.RESYNC);
    }

    @Test
    void onceNewerChangesWentOutAReplayWouldBreakTheOrder() {
        Position position = new Position(10, 1);
        position.sent = 11;
        assertThat(position.resumeFrom(4, 100)).isEqualTo(Resume.RESYNC);
    }

    @Test
    void whileMissedChangesAreBeingReadAReplayWouldBreakTheOrder() {
        Position position = new Position(10, 1);
        position.catchingUp = true;
        assertThat(position.resumeFrom(4, 100)).isEqualTo(Resume.RESYNC);
    }

    @Test
    void nothingFromBeforeTheUserJoinedIsReplayed() {
        Position position = new Position(10, 6);
        assertThat(position.resumeFrom(5, 100)).as("from just before joining: the join itself").isEqualTo(Resume.REPLAY);
        assertThat(position.resumeFrom(4, 100)).isEqualTo(Resume.RESYNC);
    }
}
