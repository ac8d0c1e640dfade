package io.livetodo.account;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A new session: {@code session_id} is the token to send as {@code Authorization}. */
@RegisterForReflection
public record LoginView(String sessionId, Instant expiresAt) {
}
