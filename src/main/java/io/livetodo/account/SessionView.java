package io.livetodo.account;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

@RegisterForReflection
public record SessionView(long id, Instant createdAt, Instant lastSeenAt, String userAgent, boolean current) {}
