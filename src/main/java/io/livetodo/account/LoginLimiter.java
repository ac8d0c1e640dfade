package io.livetodo.account;

import io.livetodo.common.ApiException;
import io.livetodo.common.DatabaseOutage;
import io.livetodo.common.LivetodoConfig;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;

/**
 * Limits log-ins, registrations and accepting invite links. An attempt is counted before the password is looked at, in
 * one statement that no concurrent attempt can slip past (see the V3 migration), and in the
 * database, so that every instance shares the counts. Log-ins are counted per username and
 * address, per address, and per username from all addresses together (a higher cap, against
 * guessing from many addresses); an attempt that turns out right, or that was never checked,
 * is taken back, so the counts are of failures.
 */
@ApplicationScoped
public class LoginLimiter {

    private static final String COUNT = "select count_attempt($1, $2, make_interval(secs => $3))";
    private static final String TAKE_BACK =
            "update attempt_counter set attempts = greatest(attempts - 1, 0) where key = any($1)";
    private static final String FORGET_ENDED =
            "delete from attempt_counter where window_start < now() - make_interval(secs => $1)";

    private final Pool pool;
    private final DatabaseOutage outage;
    private final LivetodoConfig.Login login;
    private final LivetodoConfig.Registration registration;

    LoginLimiter(Pool pool, DatabaseOutage outage, LivetodoConfig config) {
        this.pool = pool;
        this.outage = outage;
        this.login = config.login();
        this.registration = config.registration();
    }

    /** Counts a log-in attempt, or fails with 429 when one of its limits is reached. */
    public Uni<Void> countLogIn(String username, String address) {
        return count(
                logInKeys(username, address),
                new Integer[] {
                    login.maxFailuresPerUsernameAndAddress(),
                    login.maxFailuresPerAddress(),
                    login.maxFailuresPerUsername()
                },
                login.window().toSeconds(),
                "Too many failed log-ins; try again later.");
    }

    /** Takes back a counted log-in that was right. */
    public Uni<Void> takeBackLogIn(String username, String address) {
        return pool.preparedQuery(TAKE_BACK)
                .execute(Tuple.of(logInKeys(username, address)))
                .replaceWithVoid();
    }

    /** Counts a registration, or fails with 429 when the address has registered too often. */
    public Uni<Void> countRegistration(String address) {
        return count(
                new String[] {"register:" + address},
                new Integer[] {registration.maxPerAddress()},
                registration.window().toSeconds(),
                "Too many registrations from this address; try again later.");
    }

    /**
     * Counts an attempt to accept an invite link, or fails with 429 when the address has tried
     * too many that were no good: as a log-in, so that links cannot be guessed faster than
     * passwords.
     */
    public Uni<Void> countInviteAccept(String address) {
        return count(
                new String[] {"invite:" + address},
                new Integer[] {login.maxFailuresPerAddress()},
                login.window().toSeconds(),
                "Too many invite links tried from this address; try again later.");
    }

    /**
     * Counts a request with a token nobody has; emits the seconds the address must wait once it
     * has sent too many (0 while it may go on).
     */
    public Uni<Long> countUnknownToken(String address) {
        return pool.preparedQuery(COUNT)
                .execute(Tuple.of(
                        new String[] {"token:" + address}, new Integer[] {login.maxUnknownTokensPerAddress()}, (double)
                                login.window().toSeconds()))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Takes back a counted accept that was good. */
    public Uni<Void> takeBackInviteAccept(String address) {
        return pool.preparedQuery(TAKE_BACK)
                .execute(Tuple.of(new String[] {"invite:" + address}))
                .replaceWithVoid();
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetEnded() {
        double longest =
                Math.max(login.window().toSeconds(), registration.window().toSeconds());
        return outage.housekeeping(pool.preparedQuery(FORGET_ENDED).execute(Tuple.of(longest)));
    }

    private Uni<Void> count(String[] keys, Integer[] limits, long windowSeconds, String refusal) {
        return pool.preparedQuery(COUNT)
                .execute(Tuple.of(keys, limits, (double) windowSeconds))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long waitSeconds = row.getLong(0);
                    if (waitSeconds > 0) {
                        throw ApiException.tooMany(refusal, waitSeconds);
                    }
                    return null;
                });
    }

    private static String[] logInKeys(String username, String address) {
        // Names that cannot exist share one key, so junk cannot grow the table.
        String user = User.isValid(username) ? username.toLowerCase(Locale.ROOT) : "";
        return new String[] {"login:" + user + "@" + address, "login-address:" + address, "login-user:" + user};
    }
}
