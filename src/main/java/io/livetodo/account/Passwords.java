package io.livetodo.account;

import io.livetodo.change.ChangeLog;
import io.livetodo.common.ApiException;
import io.livetodo.common.CurrentUser;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * Changing a password. The current password is checked as a log-in checks one (a place to hash,
 * the attempt counted against the username and address first, a right one taken back), so a
 * stolen session cannot guess it faster than a log-in could; then every other session of the
 * user ends, which closes their live connections on every instance (the trigger on
 * {@code user_session} announces each). API tokens stay: they are revoked one by one.
 */
@ApplicationScoped
public class Passwords {

    private static final String END_OTHER_SESSIONS =
            "delete from user_session where user_id = :user and id <> :current and scope is null returning id";

    private final PasswordHasher hasher;
    private final LoginLimiter limiter;
    private final SessionCache sessions;
    private final ChangeLog changes;

    Passwords(PasswordHasher hasher, LoginLimiter limiter, SessionCache sessions, ChangeLog changes) {
        this.changes = changes;
        this.hasher = hasher;
        this.limiter = limiter;
        this.sessions = sessions;
    }

    /** 403 for a wrong current password, counted as a failed log-in. */
    public Uni<Void> change(CurrentUser user, PasswordChange change, String address) {
        return confirmed(
                        user,
                        change.currentPassword(),
                        address,
                        "Your current password is not that one.",
                        place -> hasher.hash(place, change.newPassword()))
                .chain(hash -> changes.transaction(() -> User.<User>findById(user.id())
                        .invoke(found -> found.passwordHash = hash)
                        .chain(() -> Panache.getSession())
                        .chain(session -> session.createNativeQuery(END_OTHER_SESSIONS, Long.class)
                                .setParameter("user", user.id())
                                .setParameter("current", user.sessionId())
                                .getResultList())))
                // Here at once: the announcements reach this instance's cache a moment later.
                .invoke(ended -> ended.forEach(sessions::sessionEnded))
                .replaceWithVoid();
    }

    /**
     * Checks the user's password as a log-in checks one, then does {@code then} in the same place
     * to hash; 403 with {@code refusal} for a wrong one. For whatever the password must allow.
     */
    public <T> Uni<T> confirmed(
            CurrentUser user,
            String password,
            String address,
            String refusal,
            Function<PasswordHasher.Place, Uni<T>> then) {
        return hasher.withPlace(place -> limiter.countLogIn(user.username(), address)
                .chain(() -> Panache.withSession(() -> User.<User>findById(user.id())))
                .chain(found -> hasher.matches(place, password, found.passwordHash))
                .chain(matches -> matches
                        ? limiter.takeBackLogIn(user.username(), address).chain(() -> then.apply(place))
                        : Uni.createFrom().failure(ApiException.forbidden(refusal))));
    }
}
