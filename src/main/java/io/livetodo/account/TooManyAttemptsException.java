package io.livetodo.account;

import java.util.List;

import io.livetodo.common.ApiException;

/** 429, with the seconds to wait in {@code Retry-After}. */
public class TooManyAttemptsException extends ApiException {

    private final long retryAfterSeconds;

    TooManyAttemptsException(long retryAfterSeconds) {
        super(429, "Too many failed log-ins; try again later.", List.of());
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
