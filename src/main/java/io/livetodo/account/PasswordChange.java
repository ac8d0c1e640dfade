package io.livetodo.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new password, with the current one that allows it. */
public record PasswordChange(
        @NotNull(message = "is required") @Size(max = 128, message = "is at most 128 characters")
        String currentPassword,

        @NotNull(message = "is required") @Size(min = 8, max = 128, message = "must be 8 to 128 characters")
        String newPassword) {}
