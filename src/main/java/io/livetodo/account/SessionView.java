package io.livetodo.account;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record SessionView(long id, Instant createdAt, Instant lastSeenAt, String userAgent, boolean current) {
}
