package io.livetodo.account;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A registration. */
public record Credentials(
        @NotNull(message = "is required")
        @Pattern(regexp = User.USERNAME, message = "must be 3 to 32 letters, digits, '_', '.' or '-'")
        String username,

        @NotNull(message = "is required") @Size(min = 8, max = 128, message = "must be 8 to 128 characters")
        String password) {}
