package io.livetodo.live;

import io.livetodo.common.DatabaseErrors;
import io.livetodo.common.DatabaseOutage;
import org.jboss.logging.Logger;

/** What becomes of a failed read of the hub's: the hub itself decides what to do next (retry, close). */
interface ReadFailures {

    void failed(String what, Throwable failure);

    /** Part of an outage, which is logged once, or else worth a line of its own. */
    static ReadFailures logged(DatabaseOutage outage) {
        Logger log = Logger.getLogger(LiveHub.class);
        return (what, failure) -> {
            if (DatabaseErrors.isUnavailable(failure)) {
                outage.noticed(DatabaseErrors.describe(failure));
            } else {
                log.warnf("Could not %s: %s", what, failure.getMessage());
            }
        };
    }
}
