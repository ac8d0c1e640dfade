package io.livetodo.todo;

import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import io.livetodo.common.ValidName;

/** A new todo. {@code finished} also accepts the strings "true" and "false", as the tutorial's clients send. */
public record TodoInput(
        @NotNull(message = "is required") @ValidName String name,
        @JsonDeserialize(using = TutorialBoolean.class) Boolean finished) {
}
