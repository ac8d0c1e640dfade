package io.livetodo.account;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record UserView(long id, String username, Instant createdAt) {

    static UserView of(User user) {
        return new UserView(user.id, user.username, user.createdAt);
    }
}
