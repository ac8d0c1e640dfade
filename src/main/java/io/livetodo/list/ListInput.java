package io.livetodo.list;


import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record ListInput(
        @NotNull(message = "is required") @Pattern(regexp = "(?s)[^\\x00]*[^\\s\\x00][^\\x00]*", message = "must not be empty or contain NUL characters")
        @Size(max = 255, message = "must be at most 255 characters") String name) {
}
