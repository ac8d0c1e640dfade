package io.livetodo.account;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds guessing of session and API tokens: a request whose token nobody has is counted against
 * its address in the database (every instance shares the count, as for failed log-ins); once the
 * address has sent too many, this instance looks up none of its tokens until the window ends and
 * answers 429. Only misses are counted, so a request with a good token costs nothing here.
 */
@ApplicationScoped
public class TokenGuesses {

    private final LoginLimiter limiter;
    /** Address -> until when its tokens are not looked up here. */
    private final Map<String, Instant> blocked = new ConcurrentHashMap<>();

    TokenGuesses(LoginLimiter limiter) {
        this.limiter = limiter;
    }

    /** Whether any address is held back here: the common case, none, needs no address. */
    boolean anyBlocked() {
        return !blocked.isEmpty();
    }

    /** Seconds the address must wait before its tokens are looked up again; 0 when they are. */
    long waitSeconds(String address) {
        Instant until = blocked.get(address);
        if (until == null) {
            return 0;
        }
        long seconds = until.getEpochSecond() - Instant.now().getEpochSecond();
        if (seconds <= 0) {
            blocked.remove(address, until);
            return 0;
        }
        return seconds;
    }

    /** The address sent a token nobody has. */
    Uni<Void> unknown(String address) {
        return limiter.countUnknownToken(address)
                .invoke(wait -> {
                    if (wait > 0) {
                        blocked.put(address, Instant.now().plusSeconds(wait));
                    }
                })
                .replaceWithVoid();
    }
}
