package io.livetodo.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.change.ChangeLog;
import io.livetodo.common.ApiException;
import io.livetodo.common.DatabaseOutage;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Exactly-once writes (SPEC §7, after the IETF Idempotency-Key draft). A write sent with a key
 * runs in one transaction with its key: the transaction first takes a lock on the user's key,
 * so a repeat that arrives while the first is running is refused (409) on any instance; it then
 * looks for an answer given under the key, and replays it, or refuses a different request
 * under the same key (422); otherwise it does the write and stores its answer before it commits.
 * A write that fails rolls back and stores nothing: it changed nothing, and a repeat runs again.
 */
@ApplicationScoped
public class IdempotentWrites {

    public static final String HEADER = "Idempotency-Key";
    /** The hidden field of a page form that carries its key, as forms cannot send headers. */
    public static final String FIELD = "idempotency_key";
    /** Marks a replayed answer, as Stripe's API does, for clients and logs that want to tell. */
    static final String REPLAYED = "Idempotent-Replayed";

    private static final int LONGEST_KEY = 255;
    /** A lock for the user's key until commit; one for two keys that hash alike only refuses a repeat more. */
    private static final String LOCK = "select pg_try_advisory_xact_lock(hashtextextended(:lock, 0))";

    private static final String FIND = """
            select fingerprint, status, location, etag, body from idempotency_key
             where user_id = :user and key = :key and created_at > now() - interval '24 hours'
            """;
    /** An expired row not yet pruned is taken over. */
    private static final String SAVE = """
            insert into idempotency_key (user_id, key, fingerprint, status, location, etag, body)
            values (:user, :key, :fingerprint, :status, :location, :etag, :body)
            on conflict (user_id, key) do update
               set fingerprint = excluded.fingerprint, status = excluded.status, location = excluded.location,
                   etag = excluded.etag, body = excluded.body, created_at = now()
            returning 1
            """;

    private static final String PRUNE = "delete from idempotency_key where created_at < now() - interval '24 hours'";

    /** A write sent under a key: the key, and a digest of the request, which tells a repeat from a different request. */
    public record Attempt(String key, String fingerprint) {

        /** The attempt for a request, or null when it has no key; a key no client could mean is refused (400). */
        public static Attempt of(String key, String request) {
            if (key == null) {
                return null;
            }
            String bare = key.strip();
            // The draft sends the key as a structured-field string, in quotes; bare tokens are common too.
            if (bare.length() >= 2 && bare.startsWith("\"") && bare.endsWith("\"")) {
                bare = bare.substring(1, bare.length() - 1);
            }
            if (bare.isEmpty() || bare.length() > LONGEST_KEY || !bare.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw new ApiException(
                        Response.Status.BAD_REQUEST,
                        "The Idempotency-Key must be 1 to " + LONGEST_KEY + " printable ASCII characters.");
            }
            return new Attempt(bare, sha256(request));
        }
    }

    /** The answer to a write as it is stored and replayed: status, Location, ETag and JSON body. */
    public record Answer(int status, String location, String etag, String body) {

        public static Answer of(Response response, ObjectMapper json) {
            Object entity = response.getEntity();
            String body;
            try {
                body = entity == null ? null : json.writeValueAsString(entity);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an answer's body must serialize to JSON", e);
            }
            return new Answer(
                    response.getStatus(),
                    response.getHeaderString(HttpHeaders.LOCATION),
                    response.getHeaderString(HttpHeaders.ETAG),
                    body);
        }

        public Response replay() {
            Response.ResponseBuilder response = Response.status(status).header(REPLAYED, "true");
            if (location != null) {
                response.header(HttpHeaders.LOCATION, location);
            }
            if (etag != null) {
                response.header(HttpHeaders.ETAG, etag);
            }
            if (body != null) {
                response.entity(body).type(MediaType.APPLICATION_JSON);
            }
            return response.build();
        }
    }

    /** The request repeats one already answered: its answer is the first one. */
    public static final class Replayed extends RuntimeException {

        private final transient Answer answer;

        Replayed(Answer answer) {
            super("replayed", null, false, false);
            this.answer = answer;
        }

        public Response response() {
            return answer.replay();
        }
    }

    private final ChangeLog changes;
    private final Pool pool;
    private final DatabaseOutage outage;

    IdempotentWrites(ChangeLog changes, Pool pool, DatabaseOutage outage) {
        this.changes = changes;
        this.pool = pool;
        this.outage = outage;
    }

    /**
     * Runs the user's write once for the attempt: fails with {@link Replayed} for a repeat of an
     * answered one, else runs it and stores the answer made of its result in its transaction.
     */
    public <T> Uni<T> once(long userId, Attempt attempt, Supplier<Uni<T>> write, Function<T, Answer> answer) {
        return changes.transaction(() -> claim(userId, attempt)
                .chain(() -> write.get())
                .call(result -> save(userId, attempt, answer.apply(result))));
    }

    /** A replay is answered as the first time, whatever the route's return type. */
    @ServerExceptionMapper
    public Response replay(Replayed replayed) {
        return replayed.response();
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> pruneExpired() {
        return outage.housekeeping(pool.query(PRUNE).execute());
    }

    private static Uni<Void> claim(long userId, Attempt attempt) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(LOCK, Boolean.class)
                        .setParameter("lock", userId + " " + attempt.key())
                        .getSingleResult()
                        .chain(locked -> {
                            if (!locked) {
                                return Uni.createFrom()
                                        .failure(ApiException.stillRunning(
                                                "A request with this Idempotency-Key is still being answered; repeat it once that one is done.",
                                                1));
                            }
                            return session.createNativeQuery(FIND, Object[].class)
                                    .setParameter("user", userId)
                                    .setParameter("key", attempt.key())
                                    .getResultList();
                        })
                        .invoke(rows -> {
                            if (!rows.isEmpty()) {
                                throw answered(attempt, rows.get(0));
                            }
                        })
                        .replaceWithVoid());
    }

    private static RuntimeException answered(Attempt attempt, Object[] row) {
        if (!attempt.fingerprint().equals(row[0])) {
            return new ApiException(
                    422,
                    "This Idempotency-Key was used for a different request; send a new key with this one.",
                    List.of());
        }
        return new Replayed(new Answer((Integer) row[1], (String) row[2], (String) row[3], (String) row[4]));
    }

    private static Uni<Void> save(long userId, Attempt attempt, Answer answer) {
        // Read as a query: a native mutation would leave Hibernate clean-up work that it warns about at the session's
        // end.
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SAVE, Integer.class)
                        .setParameter("user", userId)
                        .setParameter("key", attempt.key())
                        .setParameter("fingerprint", attempt.fingerprint())
                        .setParameter("status", answer.status())
                        .setParameter("location", answer.location())
                        .setParameter("etag", answer.etag())
                        .setParameter("body", answer.body())
                        .getSingleResult())
                .replaceWithVoid();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
