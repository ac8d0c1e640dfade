package io.livetodo.todo;


import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** A new todo. {@code finished} also accepts the strings "true" and "false", as the tutorial's clients send. */
public record TodoInput(
        @NotNull(message = "is required") @Pattern(regexp = "(?s)[^\\x00]*[^\\s\\x00][^\\x00]*", message = "must not be empty or contain NUL characters")
        @Size(max = 255, message = "must be at most 255 characters") String name,
        @JsonDeserialize(using = TutorialBoolean.class) Boolean finished) {
}
