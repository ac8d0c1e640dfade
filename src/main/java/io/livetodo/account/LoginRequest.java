package io.livetodo.account;

import jakarta.validation.constraints.NotNull;

/** A log-in. Its fields are not checked against the registration rules: a wrong one is simply a failed log-in. */
public record LoginRequest(
        @NotNull(message = "is required") String username,
        @NotNull(message = "is required") String password) {}
