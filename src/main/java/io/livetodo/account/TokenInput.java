package io.livetodo.account;

import io.livetodo.common.Lifetime;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;

/**
 * A new personal API token: a name to know it by, its scope ({@code read}, or {@code write},
 * which reads too), and how long it lasts (an ISO-8601 duration up to {@code P365D}, by default
 * {@code P90D}).
 */
public record TokenInput(
        @NotBlank(message = "is required") @Size(max = 100, message = "is at most 100 characters")
        String name,

        @NotNull(message = "is required") @Pattern(regexp = "read|write", message = "is read or write")
        String scope,

        String expiresIn) {

    static final Duration LONGEST = Duration.ofDays(365);

    Duration lifetime() {
        return Lifetime.of(expiresIn, Duration.ofDays(90), LONGEST, "expires_in");
    }
}
