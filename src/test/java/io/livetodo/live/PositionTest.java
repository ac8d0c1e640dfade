package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.live.Position.Resume;
import org.junit.jupiter.api.Test;

/** The resume rule, without a server. */
class PositionTest {

    @Test
    void aClientThatSawEverythingMissedNothing() {
        Position position = Position.fromHello(10, 1);
        assertThat(position.resumeFrom(10, 100)).isEqualTo(Resume.NOTHING_MISSED);
        assertThat(position.resumeFrom(12, 100)).isEqualTo(Resume.NOTHING_MISSED);
    }

    @Test
    void whatWasMissedBeforeHelloIsReplayedWithinTheBudget() {
        Position position = Position.fromHello(10, 1);
        assertThat(position.resumeFrom(4, 6)).isEqualTo(Resume.REPLAY);
        assertThat(position.resumeFrom(4, 5)).as("six missed, five allowed").isEqualTo(Resume.RESYNC);
    }

    @Test
    void onceNewerChangesWentOutAReplayWouldBreakTheOrder() {
        Position position = Position.fromHello(10, 1);
        position.sent = 11;
        assertThat(position.resumeFrom(4, 100)).isEqualTo(Resume.RESYNC);
    }

    @Test
    void aResumeFromHellosVersionMissedNothingThoughNewerChangesWentOut() {
        Position position = Position.fromHello(10, 1);
        position.sent = 12;
        assertThat(position.resumeFrom(10, 100))
                .as("11 and 12 are on their way")
                .isEqualTo(Resume.NOTHING_MISSED);
        assertThat(position.resumeFrom(11, 100)).isEqualTo(Resume.NOTHING_MISSED);
    }

    @Test
    void aCatchUpThatHasSentNothingYetGivesWayToTheReplay() {
        Position position = Position.fromHello(10, 1);
        position.catchingUp = true;
        assertThat(position.resumeFrom(4, 100)).isEqualTo(Resume.REPLAY);
    }

    @Test
    void nothingFromBeforeTheUserJoinedIsReplayed() {
        Position position = Position.fromHello(10, 6);
        assertThat(position.resumeFrom(5, 100))
                .as("from just before joining: the join itself")
                .isEqualTo(Resume.REPLAY);
        assertThat(position.resumeFrom(4, 100)).isEqualTo(Resume.RESYNC);
    }

    @Test
    void aListFollowedFromAJoinAfterHelloIsNotTheClientsToResume() {
        Position position = Position.fromJoin(7);
        assertThat(position.sent)
                .as("its member.added is the first change sent")
                .isEqualTo(6);
        assertThat(position.resumeFrom(2, 100)).isEqualTo(Resume.NOTHING_MISSED);
    }
}
