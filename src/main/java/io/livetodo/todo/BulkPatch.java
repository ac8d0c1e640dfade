package io.livetodo.todo;

import jakarta.validation.constraints.NotNull;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** A change to every todo of a list: finished or not. */
public record BulkPatch(
        @NotNull(message = "give finished: true or false") @JsonDeserialize(using = TutorialBoolean.class) Boolean finished) {
}
