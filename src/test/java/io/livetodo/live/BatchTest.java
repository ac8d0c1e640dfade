package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.change.ChangeType;
import io.livetodo.live.ChangeSource.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Telling a read of the change log that follows on from a version from one that the pruning cut short, without a server. */
class BatchTest {

    @Test
    void changesFromTheNextVersionOnContinue() {
        Batch batch = new Batch(List.of(change(6), change(7)), 7L, null);
        assertThat(batch.continues(5)).isTrue();
        assertThat(batch.newest()).isEqualTo(7);
    }

    @Test
    void changesThatStartLaterWerePrunedPastTheClient() {
        assertThat(new Batch(List.of(change(8), change(9)), 9L, null).continues(5))
                .isFalse();
    }

    @Test
    void noChangesWhileTheListMovedOnMeansTheyWerePruned() {
        Batch batch = new Batch(List.of(), 9L, null);
        assertThat(batch.continues(5)).isFalse();
        assertThat(batch.newest()).isEqualTo(9);
        assertThat(batch.continues(9)).as("nothing newer to read").isTrue();
    }

    @Test
    void noChangesOfADeletedListContinue() {
        assertThat(new Batch(List.of(), null, null).continues(5)).isTrue();
    }

    private static Change change(long version) {
        return Change.of(7, version, ChangeType.TODO_UPDATED, null, "ana", "2026-01-01T00:00:00Z", "{}", null);
    }
}
