package io.livetodo.account;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A new session: {@code session_id} is the token to send as {@code Authorization}. */
@RegisterForReflection
public record LoginView(String sessionId, Instant expiresAt) {}
