package io.livetodo.live;

import io.livetodo.change.ClusterBus;
import java.util.List;

/** Where {@link Presence} tells the other instances who looks at which list: the {@link ClusterBus}'s presence topic. */
interface PresenceBus {

    /** Sends each payload as a message of its own; a failure loses them, as the next ones repeat them. */
    void announce(String[] payloads);

    static PresenceBus over(ClusterBus bus, ReadFailures failures) {
        return payloads -> bus.publish(ClusterBus.Topic.PRESENCE, List.of(payloads))
                .subscribe()
                .with(done -> {}, failure -> failures.failed("announce who looks at which list", failure));
    }
}
