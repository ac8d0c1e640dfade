package io.livetodo.live;

import org.jboss.logging.Logger;

import io.livetodo.common.DatabaseErrors;
import io.livetodo.common.DatabaseOutage;

/** A read of the hub's failed: part of an outage, which is logged once, or else worth a line of its own. */
final class ReadFailures {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);

    private final DatabaseOutage outage;

    ReadFailures(DatabaseOutage outage) {
        this.outage = outage;
    }

    void failed(String what, Throwable failure) {
        if (DatabaseErrors.isUnavailable(failure)) {
            outage.noticed(DatabaseErrors.describe(failure));
        } else {
            LOG.warnf("Could not %s: %s", what, failure.getMessage());
        }
    }
}
