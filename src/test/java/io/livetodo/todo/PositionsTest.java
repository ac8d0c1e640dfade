package io.livetodo.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Positions} against a model of a list: random creations, moves and deletions, adversarial
 * moves into one gap, and moves to either end, checking after each that ordering the todos by
 * their keys (then ids) gives the model's order, that no key is longer than allowed, and that
 * renumbering is rare.
 */
class PositionsTest {

    /** A list as the server keeps it: keys by id, the ids in the model's order, and the ids the database gave. */
    private static final class ModelList {
        final Map<Long, String> keys = new HashMap<>();
        final List<Long> order = new ArrayList<>();
        long lastId;
        int renumberings;

        long create() {
            long id = ++lastId;
            keys.put(id, Positions.ofId(id));
            order.add(id);
            return id;
        }

        /** As TodoMoves does: after {@code after} (null: first), between it and the next, or renumbered. */
        void move(long id, Long after) {
            order.remove(id);
            int at = after == null ? 0 : order.indexOf(after) + 1;
            order.add(at, id);
            String before = at == 0 ? null : keys.get(order.get(at - 1));
            String next = at + 1 < order.size() ? keys.get(order.get(at + 1)) : Positions.ofId(lastId + 1);
            String key = Positions.between(before, next);
            if (key.length() > Positions.MOST_BYTES) {
                List<String> renumbered = Positions.renumbered(order.size());
                for (int i = 0; i < order.size(); i++) {
                    keys.put(order.get(i), renumbered.get(i));
                }
                renumberings++;
            } else {
                keys.put(id, key);
            }
        }

        void delete(long id) {
            order.remove(id);
            keys.remove(id);
        }

        List<Long> byKeys() {
            return keys.keySet().stream()
                    .sorted(Comparator.comparing((Long id) -> keys.get(id)).thenComparing(id -> id))
                    .toList();
        }

        void check() {
            assertThat(byKeys()).isEqualTo(order);
            assertThat(keys.values()).allSatisfy(key -> assertThat(key.length()).isBetween(19, Positions.MOST_BYTES));
            assertThat(keys.values()).allSatisfy(key -> assertThat(key).isLessThan(Positions.ofId(lastId + 1)));
        }
    }

    @Test
    void aListNeverReorderedIsInIdOrder() {
        assertThat(Positions.ofId(9)).isEqualTo("0000000000000000009").isLessThan(Positions.ofId(10));
        assertThat(Positions.ofId(999_999_999_999L)).isLessThan(Positions.ofId(1_000_000_000_000L));
        assertThat(Positions.ofId(Long.MAX_VALUE)).hasSize(19);
    }

    @Test
    void randomCreationsMovesAndDeletionsKeepTheModelsOrder() {
        for (long seed = 0; seed < 200; seed++) {
            Random random = new Random(seed);
            ModelList list = new ModelList();
            for (int step = 0; step < 300; step++) {
                int choice = random.nextInt(10);
                if (list.order.size() < 2 || choice < 3) {
                    list.create();
                } else if (choice < 9) {
                    long id = list.order.get(random.nextInt(list.order.size()));
                    int at = random.nextInt(list.order.size());
                    Long after = at == 0 ? null : list.order.get(at - 1);
                    if (after == null || after != id) {
                        list.move(id, after);
                    }
                } else {
                    list.delete(list.order.get(random.nextInt(list.order.size())));
                }
                list.check();
            }
        }
    }

    @Test
    void movesIntoOneGapRenumberRarelyAndKeepTheOrder() {
        ModelList list = new ModelList();
        for (int i = 0; i < 50; i++) {
            list.create();
        }
        for (int move = 0; move < 2_000; move++) {
            // Always into the gap right after the first todo: each key halves the gap the last one left.
            list.move(list.order.get(list.order.size() - 1), list.order.get(0));
            list.check();
        }
        assertThat(list.renumberings)
                .as("renumberings in 2,000 moves into one gap")
                .isBetween(1, 20);
    }

    @Test
    void movesToTheStartOrTheEndAgainAndAgainKeepTheOrderAndNewTodosGoLast() {
        ModelList list = new ModelList();
        for (int i = 0; i < 10; i++) {
            list.create();
        }
        for (int move = 0; move < 1_000; move++) {
            list.move(list.order.get(list.order.size() - 1), null);
            list.check();
            list.move(list.order.get(0), list.order.get(list.order.size() - 1));
            list.check();
            if (move % 100 == 0) {
                long created = list.create();
                list.check();
                assertThat(list.byKeys().get(list.order.size() - 1)).isEqualTo(created);
            }
        }
        assertThat(list.renumberings)
                .as("renumberings in 2,000 moves to either end")
                .isLessThan(40);
    }

    @Test
    void renumberedKeysAreInOrderOfOneLengthAndBelowEveryIdsKey() {
        for (int count : new int[] {1, 2, 61, 62, 5_000, 100_000}) {
            List<String> keys = Positions.renumbered(count);
            assertThat(keys).hasSize(count).isSorted().doesNotHaveDuplicates();
            assertThat(keys)
                    .allSatisfy(key -> assertThat(key)
                            .hasSize(keys.get(0).length())
                            .isLessThan(Positions.ofId(1))
                            .doesNotEndWith("0"));
        }
    }

    @Test
    void aKeyIsOnlyMadeBetweenTwoInOrder() {
        assertThatThrownBy(() -> Positions.between(Positions.ofId(2), Positions.ofId(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Positions.between(Positions.ofId(2), Positions.ofId(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Positions.between("not a key!", Positions.ofId(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
