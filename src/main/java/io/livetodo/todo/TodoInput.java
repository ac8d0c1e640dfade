package io.livetodo.todo;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.livetodo.common.ValidName;
import jakarta.validation.constraints.NotNull;

/** A new todo. {@code finished} also accepts the strings "true" and "false", as the tutorial's clients send. */
public record TodoInput(
        @NotNull(message = "is required") @ValidName String name,
        @JsonDeserialize(using = TutorialBoolean.class) Boolean finished) {}
