package io.livetodo.todo;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.constraints.NotNull;

/** A change to every todo of a list: finished or not. */
public record BulkPatch(
        @NotNull(message = "give finished: true or false") @JsonDeserialize(using = TutorialBoolean.class)
        Boolean finished) {}
