package io.livetodo.change;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * What one instance tells every instance of the cluster, itself included. It is PostgreSQL's
 * NOTIFY, on three channels: every NOTIFY the application sends goes through {@link #publish}
 * ({@link NotifyBus}), and {@link ChangeFeed} listens on all three and tells this instance's
 * listeners. Nothing sent on it is kept: whatever must not be lost is in a table, and what is
 * sent on the bus only says where to look (see docs/architecture.md, the NOTIFY channels).
 */
public interface ClusterBus {

    enum Topic {
        /** Committed changes, each {@code list:version} or {@code list:version:joined} ({@link ChangeAnnouncer}). */
        CHANGES("livetodo_changes"),
        /** An ended session's id, sent by the database itself when the session's row goes (R__functions.sql). */
        SESSIONS("livetodo_sessions"),
        /** Who looks at which list through an instance, sent by each instance for its own connections. */
        PRESENCE("livetodo_presence");

        final String channel;

        Topic(String channel) {
            this.channel = channel;
        }
    }

    /** Sends each payload as a message of its own, in order, in one go; fails as a whole. */
    Uni<Void> publish(Topic topic, List<String> payloads);
}
