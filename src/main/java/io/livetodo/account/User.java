package io.livetodo.account;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.regex.Pattern;

@Entity
@Table(name = "app_user")
public class User extends PanacheEntityBase {

    /** What a username may be: anything else names nobody, and is never looked up. */
    public static final String USERNAME = "[A-Za-z0-9_.-]{3,32}";

    private static final Pattern VALID_USERNAME = Pattern.compile(USERNAME);

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String username;

    @Column(name = "password_hash")
    public String passwordHash;

    /** When the account was deleted: only its name is left, reserved. */
    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** The IANA zone the user's days are in, for the views of what is due today; UTC until they say. */
    @Column(name = "time_zone")
    public String timeZone = "UTC";

    @Column(name = "created_at", updatable = false)
    public Instant createdAt;

    public static Uni<User> findByUsername(String username) {
        if (!isValid(username)) {
            return Uni.createFrom().nullItem();
        }
        return find("lower(username) = lower(?1)", username).firstResult();
    }

    public static boolean isValid(String username) {
        return username.length() <= 32 && VALID_USERNAME.matcher(username).matches();
    }
}
