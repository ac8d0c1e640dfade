package io.livetodo.live;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * The record of every change to a list, written in the transaction of the change itself.
 * A writer first locks the list's row ({@code ListService#lockForMember}), before it reads what
 * it will change: the lock makes writers of one list wait for each other until commit, so the
 * versions that {@link #record} hands out are consecutive and in commit order, and a
 * rolled-back change leaves neither a record nor a gap.
 */
@ApplicationScoped
public class ChangeLog {

    // The inner cast makes the parameter text for the driver, which would otherwise send a
    // String bound to jsonb as a JSON string rather than the document it holds.
    private static final String RECORD = "select record_change(:list, :type, cast(cast(:data as text) as jsonb))";

    private final ObjectMapper json;

    ChangeLog(ObjectMapper json) {
        this.json = json;
    }

    /** Gives the locked list its next version and records the change under it; emits that version. */
    public Uni<Long> record(long listId, ChangeType type, Object data) {
        String body = serialize(data);
        return Panache.getSession().chain(session -> session.flush().chain(() -> session
                .createNativeQuery(RECORD, Long.class)
                .setParameter("list", listId)
                .setParameter("type", type.wire())
                .setParameter("data", body)
                .getSingleResult()));
    }

    /** The JSON of a change's data, as it is recorded. */
    public String serialize(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("change data must serialize to JSON", e);
        }
    }
}
