package io.livetodo.list;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record ListInput(
        @NotNull(message = "is required") @NotBlank(message = "must not be empty")
        @Size(max = 255, message = "must be at most 255 characters") String name) {
}
