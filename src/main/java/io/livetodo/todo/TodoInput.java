package io.livetodo.todo;


import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A new todo. {@code finished} also accepts the strings "true" and "false", as the tutorial's clients send. */
public record TodoInput(
        @NotNull(message = "is required") @Pattern(regexp = "(?s).*\\S.*", message = "must not be empty")
        @Size(max = 255, message = "must be at most 255 characters") String name,
        Boolean finished) {
}
