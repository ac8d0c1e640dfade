package io.livetodo.account;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetodo.common.LivetodoConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Counts failed log-ins per username and per client address in fixed windows. The counts live
 * in this instance's memory: behind a load balancer each instance limits on its own, which
 * multiplies the allowance by the number of instances but needs no shared state.
 */
@ApplicationScoped
public class LoginLimiter {

    private record Window(long startMillis, int failures) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LivetodoConfig.Login config;

    LoginLimiter(LivetodoConfig config) {
        this.config = config.login();
    }

    /** Seconds until the caller may try again, or 0 when not limited. */
    public long retryAfterSeconds(String username, String address) {
        long now = System.currentTimeMillis();
        return Math.max(
                blockedFor(userKey(username), config.maxFailuresPerUsername(), now),
                blockedFor(addressKey(address), config.maxFailuresPerAddress(), now));
    }

    public void failed(String username, String address) {
        long now = System.currentTimeMillis();
        count(userKey(username), now);
        count(addressKey(address), now);
    }

    public void succeeded(String username) {
        windows.remove(userKey(username));
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        long now = System.currentTimeMillis();
        windows.values().removeIf(window -> expired(window, now));
    }

    private long blockedFor(String key, int maxFailures, long now) {
        Window window = windows.get(key);
        if (window == null || expired(window, now) || window.failures() < maxFailures) {
            return 0;
        }
        return Math.max(1, Duration.ofMillis(window.startMillis() + config.window().toMillis() - now).toSeconds());
    }

    private void count(String key, long now) {
        windows.compute(key, (k, window) -> window == null || expired(window, now)
                ? new Window(now, 1)
                : new Window(window.startMillis(), window.failures() + 1));
    }

    private boolean expired(Window window, long now) {
        return now - window.startMillis() >= config.window().toMillis();
    }

    private static String userKey(String username) {
        // Names that cannot exist share one key, so junk cannot grow the map.
        return User.isValid(username) ? "user:" + username.toLowerCase(Locale.ROOT) : "user:";
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }
}
