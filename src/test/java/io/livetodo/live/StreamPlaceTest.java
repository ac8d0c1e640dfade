package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.common.CurrentUser;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An event stream's id names its place as of that event ({@link StreamPlace}). Driven through a
 * {@link Follower} as the hub drives one, with random moves, every event's id must resolve to
 * the place the client could be at when that event was the last it received: the connection's
 * place just before the next event's move, with every move since then that was not carried by
 * an event (a list followed or left, a resume moving back) already made.
 */
class StreamPlaceTest {

    @Test
    void everyEventOfAStreamResolvesToThePlaceItLeftItsClientAt() {
        for (long seed = 0; seed < 300; seed++) {
            check(seed, 400);
        }
    }

    @Test
    void aClientFurtherBehindThanTheKeptMovesReloadsOnlyTheListsWhoseMovesWereForgotten() {
        check(7, 5 * StreamPlace.KEPT);
        Follower follower = follower();
        follower.follow(1, Position.fromHello(10, 1));
        follower.follow(2, Position.fromHello(20, 1));
        follower.streamPlace.nextId();
        for (int i = 1; i <= StreamPlace.KEPT + 5; i++) {
            follower.advance(1, 10 + i);
            follower.streamPlace.nextId();
        }
        follower.advance(2, 21);
        follower.streamPlace.nextId();
        StreamPlace.Resolved first = follower.streamPlace.at(1, follower.place());
        assertThat(first.reload()).containsExactly(1L);
        assertThat(first.seen()).isEqualTo(Map.of(2L, 20L));
        StreamPlace.Resolved last = follower.streamPlace.at(follower.streamPlace.events(), follower.place());
        assertThat(last.reload()).isEmpty();
        assertThat(last.seen()).isEqualTo(Map.of(1L, 10L + StreamPlace.KEPT + 5, 2L, 21L));
    }

    @Test
    void anEventTheStreamNeverSentResolvesToNothing() {
        Follower follower = follower();
        follower.follow(1, Position.fromHello(10, 1));
        follower.streamPlace.nextId();
        assertThat(follower.streamPlace.at(0, follower.place())).isNull();
        assertThat(follower.streamPlace.at(2, follower.place())).isNull();
        assertThat(StreamPlace.at(2, "t", follower.streamPlace.ended(follower.place())))
                .isNull();
    }

    private static void check(long seed, int steps) {
        Random random = new Random(seed);
        Follower follower = follower();
        List<Long> lists = List.of(1L, 2L, 3L, 4L, 5L);
        Map<Long, Long> newest = new HashMap<>();
        for (long listId : lists) {
            newest.put(listId, 100L);
            if (random.nextBoolean()) {
                follower.follow(listId, Position.fromHello(100, 1));
            }
        }
        // expected.get(k - 1): where the client is once event k is the last it received.
        List<Map<Long, Long>> expected = new ArrayList<>();
        StreamPlace place = follower.streamPlace;
        place.nextId();
        for (int step = 0; step < steps; step++) {
            long listId = lists.get(random.nextInt(lists.size()));
            Position position = follower.position(listId);
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> {
                    if (position != null) {
                        expected.add(follower.place());
                        long version = newest.merge(listId, 1L + random.nextInt(2), Long::sum);
                        follower.advance(listId, version);
                        place.nextId();
                    }
                }
                case 3 -> {
                    if (position == null) {
                        long joined = newest.merge(listId, 1L, Long::sum);
                        follower.follow(listId, Position.fromJoin(joined));
                    } else {
                        follower.unfollow(listId, position.sent);
                    }
                }
                case 4 -> {
                    if (position != null && position.sent > 1) {
                        follower.follow(
                                listId,
                                position.replayingFrom(
                                        position.sent - 1 - random.nextInt((int) Math.min(5, position.sent - 1))));
                    }
                }
                default -> {
                    expected.add(follower.place());
                    place.nextId();
                }
            }
        }
        expected.add(follower.place());
        assertThat(expected).hasSize((int) place.events());
        byte[] ended = place.ended(follower.place());
        for (int event = 1; event <= place.events(); event++) {
            StreamPlace.Resolved live = place.at(event, follower.place());
            StreamPlace.Resolved kept = StreamPlace.at(event, place.token, ended);
            assertThat(kept).as("seed %d, event %d, kept", seed, event).isEqualTo(live);
            Map<Long, Long> known = new HashMap<>(expected.get(event - 1));
            live.reload().forEach(known::remove);
            assertThat(live.seen())
                    .as("seed %d, event %d of %d", seed, event, place.events())
                    .isEqualTo(known);
            if (place.events() - event < StreamPlace.KEPT / 2) {
                assertThat(live.reload()).as("seed %d, event %d", seed, event).isEmpty();
            }
        }
    }

    private static Follower follower() {
        CoreStubs.NoSocket unused = () -> "stream";
        return new Follower(
                unused, null, 1, new CurrentUser(1, "someone", 1, 0), Long.MAX_VALUE, 100, new StreamPlace("t"));
    }
}
