package io.livetodo.account;

import java.time.Instant;

public record SessionView(long id, Instant createdAt, Instant lastSeenAt, String userAgent, boolean current) {
}
