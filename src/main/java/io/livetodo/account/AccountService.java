package io.livetodo.account;

import io.livetodo.change.ChangeLog;
import io.livetodo.change.Statements;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.DatabaseErrors;
import io.livetodo.common.LivetodoConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** Registration, log-in and sessions. Password hashing runs on worker threads, outside any transaction. */
@ApplicationScoped
public class AccountService {

    private static final String DELETE_SESSION =
            "delete from user_session where id = :id and user_id = :user returning id";

    private final PasswordHasher hasher;
    private final LoginLimiter limiter;
    private final NewUserSetup newUserSetup;
    private final ChangeLog changes;
    private final LivetodoConfig.Session sessionConfig;
    private final Counter loginFailures;
    private final Statements statements;
    private final SessionCache sessions;

    AccountService(
            PasswordHasher hasher,
            LoginLimiter limiter,
            NewUserSetup newUserSetup,
            ChangeLog changes,
            LivetodoConfig config,
            MeterRegistry metrics,
            Statements statements,
            SessionCache sessions) {
        this.changes = changes;
        this.statements = statements;
        this.sessions = sessions;
        this.hasher = hasher;
        this.limiter = limiter;
        this.newUserSetup = newUserSetup;
        this.sessionConfig = config.session();
        this.loginFailures = Counter.builder("livetodo.login.failures")
                .description("Log-ins refused for a wrong username or password")
                .register(metrics);
    }

    /**
     * Registers a user: with a place to hash the password taken first (or 503 at once), counted
     * against the address, then the name is checked, and only then is the password hashed, which
     * is the expensive part.
     */
    public Uni<UserView> register(Credentials credentials, String address) {
        return hasher.withPlace(place -> limiter.countRegistration(address)
                        .chain(() -> Panache.withSession(() -> User.findByUsername(credentials.username())))
                        .invoke(existing -> {
                            if (existing != null) {
                                throw usernameTaken();
                            }
                        })
                        .chain(() -> hasher.hash(place, credentials.password())))
                .chain(hash -> changes.transaction(() -> {
                    User user = new User();
                    user.username = credentials.username();
                    user.passwordHash = hash;
                    user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return user.<User>persist().call(newUserSetup::setUp);
                }))
                .onFailure(DatabaseErrors::isUniqueViolation)
                .transform(e -> usernameTaken())
                .map(UserView::of);
    }

    /**
     * Registers a user and starts their first session, as the front page's form does. The password
     * was hashed a moment ago, so it is not checked again: that would cost a second hash, the most
     * expensive step of both.
     */
    public Uni<LoginView> registerAndLogIn(Credentials credentials, String userAgent, String address) {
        return register(credentials, address).chain(user -> startSession(user.id(), userAgent));
    }

    /**
     * Logs in. A place to check the password is taken first (or 503 at once), then the attempt is
     * counted before the password is checked, so that concurrent guesses cannot get past the
     * limit; a right password is taken back.
     */
    public Uni<LoginView> login(LoginRequest request, String userAgent, String address) {
        return hasher.withPlace(place -> limiter.countLogIn(request.username(), address)
                .chain(() -> Panache.withSession(() -> User.findByUsername(request.username())))
                .chain(user -> hasher.matches(place, request.password(), isLive(user) ? user.passwordHash : null)
                        .chain(matches -> {
                            if (!matches) {
                                loginFailures.increment();
                                return Uni.createFrom()
                                        .failure(new ApiException(Status.UNAUTHORIZED, "Wrong username or password."));
                            }
                            return limiter.takeBackLogIn(request.username(), address)
                                    .chain(() -> startSession(user.id, userAgent));
                        })));
    }

    private Uni<LoginView> startSession(long userId, String userAgent) {
        String token = SessionTokens.newToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UserSession session = new UserSession();
        session.userId = userId;
        session.tokenHash = SessionTokens.hash(token);
        session.createdAt = now;
        session.lastSeenAt = now;
        session.expiresAt = now.plus(sessionConfig.maxLifetime());
        session.userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 512));
        return Panache.withTransaction(session::persist).replaceWith(new LoginView(token, session.expiresAt));
    }

    public Uni<Void> logout(CurrentUser user) {
        return deleteSession(user.sessionId(), user.id()).replaceWithVoid();
    }

    @WithSession
    public Uni<UserView> me(CurrentUser user) {
        return User.<User>findById(user.id()).map(UserView::of);
    }

    /** Sets the zone the user's days are in; 422 for anything but an IANA zone. */
    public Uni<UserView> setTimeZone(CurrentUser user, String timeZone) {
        if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
            return Uni.createFrom()
                    .failure(ApiException.invalid("time_zone", "is an IANA time zone, such as Europe/Paris"));
        }
        return changes.transaction(() -> User.<User>findById(user.id()).invoke(found -> found.timeZone = timeZone))
                .map(UserView::of);
    }

    @WithSession
    public Uni<List<SessionView>> sessions(CurrentUser user) {
        return UserSession.findActiveByUser(user.id(), Instant.now().minus(sessionConfig.idleTimeout()))
                .map(sessions -> sessions.stream()
                        .map(s ->
                                new SessionView(s.id, s.createdAt, s.lastSeenAt, s.userAgent, s.id == user.sessionId()))
                        .toList());
    }

    public Uni<Void> revoke(CurrentUser user, long sessionId) {
        return deleteSession(sessionId, user.id())
                .invoke(deleted -> {
                    if (deleted == 0) {
                        throw ApiException.notFound("Session not found");
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Ends a session of the user (a trigger announces it to every instance's live connections):
     * one statement, as the session check itself, in the request's transaction when it has one.
     */
    private Uni<Integer> deleteSession(long sessionId, long userId) {
        return statements
                .run(DELETE_SESSION, Map.of("id", sessionId, "user", userId))
                .map(List::size)
                .invoke(count -> {
                    // Here at once: the announcement reaches this instance's cache a moment later.
                    if (count > 0) {
                        sessions.sessionEnded(sessionId);
                    }
                });
    }

    /** A user who exists and was not deleted: a deleted one's name is all that is left of them. */
    private static boolean isLive(User user) {
        return user != null && user.deletedAt == null;
    }

    static ApiException usernameTaken() {
        return ApiException.conflict("That username is taken.");
    }
}
