package io.livetodo.account;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

@RegisterForReflection
public record UserView(long id, String username, Instant createdAt, String timeZone) {

    static UserView of(User user) {
        return new UserView(user.id, user.username, user.createdAt, user.timeZone);
    }
}
