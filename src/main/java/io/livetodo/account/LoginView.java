package io.livetodo.account;

import java.time.Instant;

/** A new session: {@code session_id} is the token to send as {@code Authorization}. */
public record LoginView(String sessionId, Instant expiresAt) {
}
