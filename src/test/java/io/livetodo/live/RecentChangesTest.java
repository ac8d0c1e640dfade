package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.change.ChangeType;
import org.junit.jupiter.api.Test;

/** The hub's changes in memory, without a server. */
class RecentChangesTest {

    @Test
    void keepsAtMostSoManyOfAListTheNewest() {
        RecentChanges recent = new RecentChanges(3);
        for (long version = 1; version <= 5; version++) {
            recent.keep(change(7, version));
        }
        assertThat(recent.get(7, 2)).isNull();
        assertThat(recent.get(7, 3).version()).isEqualTo(3);
        assertThat(recent.newest(7)).isEqualTo(5);
    }

    @Test
    void forgetsWhatEveryFollowerHasHadButTheNewest() {
        RecentChanges recent = new RecentChanges(10);
        for (long version = 1; version <= 4; version++) {
            recent.keep(change(7, version));
        }
        recent.delivered(7, 2);
        assertThat(recent.get(7, 1)).isNull();
        assertThat(recent.get(7, 2))
                .as("the oldest follower is at 2: 3 and 4 are still to send")
                .isNotNull();
        recent.delivered(7, 9);
        assertThat(recent.get(7, 3)).isNull();
        assertThat(recent.newest(7)).as("where the next read starts").isEqualTo(4);
    }

    @Test
    void aListForgottenHasNothingKept() {
        RecentChanges recent = new RecentChanges(10);
        recent.keep(change(7, 1));
        recent.keep(change(8, 1));
        recent.forget(7);
        assertThat(recent.newest(7)).isZero();
        assertThat(recent.get(8, 1)).isNotNull();
    }

    private static Change change(long listId, long version) {
        return Change.of(
                listId,
                version,
                ChangeType.TODO_CREATED,
                null,
                "ana",
                "2026-01-01T00:00:00Z",
                "{\"id\":" + version + "}",
                null);
    }
}
