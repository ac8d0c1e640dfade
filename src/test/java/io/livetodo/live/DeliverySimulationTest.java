package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Guarantees 1 and 2 under every interleaving the seeds reach: see {@link DeliverySimulation}.
 * A failure names its seed; {@code -Dlivetodo.simulation.seed=N} replays that one seed and
 * prints its last events. {@code -Dlivetodo.simulation.seeds=N} runs more seeds than the
 * default (bench/README.md).
 */
class DeliverySimulationTest {

    private static final int STEPS = 400;

    @Test
    void guarantees1And2HoldForThousandsOfSeeds() {
        String one = System.getProperty("livetodo.simulation.seed");
        if (one != null) {
            assertHeld(DeliverySimulation.run(Long.parseLong(one), STEPS, true));
            return;
        }
        int seeds = Integer.getInteger("livetodo.simulation.seeds", 2_000);
        List<Long> failed = new ArrayList<>();
        for (long seed = 1; seed <= seeds && failed.size() < 10; seed++) {
            if (!DeliverySimulation.run(seed, STEPS, false).violations().isEmpty()) {
                failed.add(seed);
            }
        }
        if (!failed.isEmpty()) {
            assertHeld(DeliverySimulation.run(failed.get(0), STEPS, true));
        }
        assertThat(failed).as("seeds that broke guarantee 1 or 2").isEmpty();
    }

    private static void assertHeld(DeliverySimulation.Outcome outcome) {
        assertThat(outcome.violations())
                .as("seed %d broke guarantee 1 or 2; its last events:%n  %s", outcome.seed(), String.join("\n  ", outcome.trace()))
                .isEmpty();
    }
}
