package io.livetodo.account;

import io.livetodo.common.ApiException;
import io.livetodo.common.LivetodoConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mindrot.jbcrypt.BCrypt;

/**
 * bcrypt password hashes ({@code $2a$}, jBCrypt), computed on a few threads of their own, never
 * on an event loop.
 * Passwords are first reduced to a SHA-256 digest because bcrypt ignores everything after 72
 * bytes and passwords may be 128 characters of multi-byte text.
 *
 * <p>Hashing is slow on purpose, so it is bounded: at most {@code max-concurrent-hashes} run at
 * once and {@code max-queued-hashes} more may wait; anything beyond that is refused at once
 * (503), before any other work is done for it, rather than queued behind minutes of work while
 * it starves everything else.
 */
@ApplicationScoped
public class PasswordHasher {

    private final WorkerExecutor threads;
    private final int cost;
    private final int maxAdmitted;
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile String decoyHash;

    PasswordHasher(Vertx vertx, LivetodoConfig config) {
        // A flood of log-ins keeps every hashing thread busy: one core left to the event loops and
        // the database keeps other requests fast meanwhile (bench/README.md, a log-in flood).
        int concurrent = config.password()
                .maxConcurrentHashes()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
        this.threads = vertx.createSharedWorkerExecutor("livetodo-password", concurrent);
        this.cost = Math.max(10, config.password().bcryptCost());
        this.maxAdmitted = concurrent + config.password().maxQueuedHashes();
    }

    /**
     * Runs the work with a place among the hashes that may run or wait, taken before anything
     * else is done; when they are all taken, fails at once (503) having done nothing: a flood of
     * log-ins beyond what can be hashed costs the database and the event loops nothing more.
     */
    public <T> Uni<T> withPlace(Function<Place, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> {
            if (admitted.incrementAndGet() > maxAdmitted) {
                admitted.decrementAndGet();
                return Uni.createFrom()
                        .failure(ApiException.unavailable("Too many log-ins at once; try again in a moment.", 1));
            }
            Place place = new Place();
            return Uni.createFrom()
                    .deferred(() -> work.apply(place))
                    .onTermination()
                    .invoke(place::release);
        });
    }

    /** One hash's place, from {@link #withPlace}: given back when its hash is done, or its request is. */
    public final class Place {
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Place() {}

        void release() {
            if (held.compareAndSet(true, false)) {
                admitted.decrementAndGet();
            }
        }
    }

    public Uni<String> hash(Place place, String password) {
        return run(place, () -> BCrypt.hashpw(digest(password), BCrypt.gensalt(cost)));
    }

    /**
     * Checks a password against a stored hash. With no stored hash (unknown user) it checks
     * against a decoy so that both failures take the same time.
     */
    public Uni<Boolean> matches(Place place, String password, String storedHash) {
        return run(place, () -> {
            boolean matches = BCrypt.checkpw(digest(password), storedHash == null ? decoyHash() : storedHash);
            return storedHash != null && matches;
        });
    }

    private <T> Uni<T> run(Place place, Supplier<T> hashing) {
        return threads.executeBlocking(Uni.createFrom().item(hashing), false)
                .onTermination()
                .invoke(place::release);
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = BCrypt.hashpw(SessionTokens.newToken(), BCrypt.gensalt(cost));
        }
        return decoyHash;
    }

    private static String digest(String password) {
        return Base64.getEncoder().encodeToString(SessionTokens.sha256(password));
    }

    @PreDestroy
    void close() {
        threads.closeAndAwait();
    }
}
