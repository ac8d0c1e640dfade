package io.livetodo.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.common.RequestTrace;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The record of every change to a list, written in the transaction of the change itself.
 * A writer first locks the list's row ({@code ListAccess#lockForMember}), before it reads what
 * it will change: the lock makes writers of one list wait for each other until commit, so the
 * versions that {@link #record} hands out are consecutive and in commit order, and a
 * rolled-back change leaves neither a record nor a gap. Once the transaction has committed, its
 * changes are announced ({@link ChangeAnnouncer}).
 */
@ApplicationScoped
public class ChangeLog {

    /** A committed change, as it is announced: {@code joined} names the member a {@code member.added} added. */
    public record Recorded(long listId, long version, String joined) {

        /** The NOTIFY payload: {@code list_id:version}, and {@code :username} when the change added that member. */
        String payload() {
            return listId + ":" + version + (joined == null ? "" : ":" + joined);
        }

        static Recorded ofPayload(String payload) {
            String[] parts = payload.split(":", 3);
            return new Recorded(
                    Long.parseLong(parts[0]), Long.parseLong(parts[1]), parts.length == 3 ? parts[2] : null);
        }
    }

    // The inner cast makes the parameter text for the driver, which would otherwise send a
    // String bound to jsonb as a JSON string rather than the document it holds.
    private static final String RECORD =
            "select record_change(:list, :type, cast(cast(:data as text) as jsonb), :by, cast(:trace as text))";
    /** Many changes of one type, in the order given: output is evaluated after the sort (PostgreSQL 9.6 on). */
    private static final String RECORD_ALL = """
            select record_change(:list, :type, cast(d as jsonb), :by, cast(:trace as text))
              from unnest(cast(:data as text[])) with ordinality as t(d, n) order by n
            """;
    /** The changes recorded by the transaction of the current request, kept on its Vert.x context. */
    private static final String RECORDED = "livetodo.recorded-changes";

    private final ObjectMapper json;
    private final ChangeAnnouncer announcer;

    ChangeLog(ObjectMapper json, ChangeAnnouncer announcer) {
        this.json = json;
        this.announcer = announcer;
    }

    /**
     * Runs the work in a transaction and announces the changes it recorded once it has committed.
     * Work that is part of a transaction already joins it; the outer one announces.
     */
    public <T> Uni<T> transaction(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (inTransaction()) {
                return work.get();
            }
            List<Recorded> recorded = new ArrayList<>();
            ContextLocals.put(RECORDED, recorded);
            return Panache.withTransaction(work)
                    .invoke(() -> announcer.announce(recorded))
                    .eventually(() -> ContextLocals.remove(RECORDED));
        });
    }

    /** Whether this request runs in a {@link #transaction}: a write that would commit on its own must join it instead. */
    public boolean inTransaction() {
        return ContextLocals.get(RECORDED).isPresent();
    }

    /** Gives the locked list its next version and records the change, made by the named user, under it; emits that version. */
    public Uni<Long> record(long listId, ChangeType type, Object data, String by) {
        return record(listId, type, data, by, null);
    }

    /** Records a {@code member.added}: besides the list's members, the new member's own connections learn of it. */
    public Uni<Long> recordJoin(long listId, String username, Object data, String by) {
        return record(listId, ChangeType.MEMBER_ADDED, data, by, username);
    }

    /**
     * Records one change of the type per item of {@code data}, in its order, under consecutive
     * versions, in one statement; the list is locked, as for {@link #record}.
     */
    public Uni<Void> recordAll(long listId, ChangeType type, List<?> data, String by) {
        if (data.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Recorded> recorded = recording();
        String[] bodies = data.stream().map(this::serialize).toArray(String[]::new);
        return Panache.getSession()
                .chain(session -> session.flush()
                        .chain(() -> session.createNativeQuery(RECORD_ALL, Long.class)
                                .setParameter("list", listId)
                                .setParameter("type", type.wire())
                                .setParameter("data", bodies)
                                .setParameter("by", by)
                                .setParameter("trace", RequestTrace.current())
                                .getResultList()))
                .invoke(versions -> versions.forEach(version -> recorded.add(new Recorded(listId, version, null))))
                .replaceWithVoid();
    }

    /**
     * Takes note of a change a statement recorded itself ({@code record_change} in it, run by
     * {@link Statements}): announced when its transaction commits, at once for a statement that
     * committed on its own.
     */
    public void recordedBy(long listId, long version) {
        Recorded change = new Recorded(listId, version, null);
        ContextLocals.<List<Recorded>>get(RECORDED)
                .ifPresentOrElse(recorded -> recorded.add(change), () -> announcer.announce(List.of(change)));
    }

    /** The JSON of a change's data, as it is recorded. */
    public String serialize(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("change data must serialize to JSON", e);
        }
    }

    private Uni<Long> record(long listId, ChangeType type, Object data, String by, String joined) {
        List<Recorded> recorded = recording();
        String body = serialize(data);
        return Panache.getSession()
                .chain(session -> session.flush()
                        .chain(() -> session.createNativeQuery(RECORD, Long.class)
                                .setParameter("list", listId)
                                .setParameter("type", type.wire())
                                .setParameter("data", body)
                                .setParameter("by", by)
                                .setParameter("trace", RequestTrace.current())
                                .getSingleResult()))
                .invoke(version -> recorded.add(new Recorded(listId, version, joined)));
    }

    private static List<Recorded> recording() {
        return ContextLocals.<List<Recorded>>get(RECORDED)
                .orElseThrow(() -> new IllegalStateException("a change is recorded inside ChangeLog.transaction"));
    }
}
