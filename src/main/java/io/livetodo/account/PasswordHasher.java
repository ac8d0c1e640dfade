package io.livetodo.account;

import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.mindrot.jbcrypt.BCrypt;

import io.livetodo.common.ApiException;
import io.livetodo.common.LivetodoConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.WorkerExecutor;

/**
 * bcrypt password hashes ({@code $2a$}, jBCrypt), computed on a few threads of their own, never
 * on an event loop.
 * Passwords are first reduced to a SHA-256 digest because bcrypt ignores everything after 72
 * bytes and passwords may be 128 characters of multi-byte text.
 *
 * <p>Hashing is slow on purpose, so it is bounded: at most {@code max-concurrent-hashes} run at
 * once and {@code max-queued-hashes} more may wait; anything beyond that is refused at once
 * (503), rather than queued behind minutes of work while it starves everything else.
 */
@ApplicationScoped
public class PasswordHasher {

    private final WorkerExecutor threads;
    private final int cost;
    private final int maxAdmitted;
    private final AtomicInteger admitted = new AtomicInteger();
    private volatile String decoyHash;

    PasswordHasher(Vertx vertx, LivetodoConfig config) {
        int concurrent = config.password().maxConcurrentHashes().orElse(Runtime.getRuntime().availableProcessors());
        this.threads = vertx.createSharedWorkerExecutor("livetodo-password", concurrent);
        this.cost = Math.max(10, config.password().bcryptCost());
        this.maxAdmitted = concurrent + config.password().maxQueuedHashes();
    }

    public Uni<String> hash(String password) {
        return bounded(() -> BCrypt.hashpw(digest(password), BCrypt.gensalt(cost)));
    }

    /**
     * Checks a password against a stored hash. With no stored hash (unknown user) it checks
     * against a decoy so that both failures take the same time.
     */
    public Uni<Boolean> matches(String password, String storedHash) {
        return bounded(() -> {
            boolean matches = BCrypt.checkpw(digest(password), storedHash == null ? decoyHash() : storedHash);
            return storedHash != null && matches;
        });
    }

    /** True when the failure is this hasher refusing work because it is full. */
    public static boolean isBusy(Throwable failure) {
        return failure instanceof ApiException refusal && refusal.status() == 503;
    }

    private <T> Uni<T> bounded(Supplier<T> hashing) {
        return Uni.createFrom().deferred(() -> {
            if (admitted.incrementAndGet() > maxAdmitted) {
                admitted.decrementAndGet();
                return Uni.createFrom().failure(ApiException.unavailable("Too many log-ins at once; try again in a moment.", 1));
            }
            return threads.executeBlocking(Uni.createFrom().item(hashing), false)
                    .onTermination().invoke(admitted::decrementAndGet);
        });
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
