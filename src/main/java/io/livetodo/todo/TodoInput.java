package io.livetodo.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.livetodo.common.ValidName;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A new todo. {@code finished} also accepts the strings "true" and "false", as the tutorial's
 * clients send; {@code due} is read by {@link Due#read}; {@code assignee} must be a member of the list.
 */
public record TodoInput(
        @NotNull(message = "is required") @ValidName String name,
        @JsonDeserialize(using = TutorialBoolean.class) Boolean finished,
        JsonNode due,
        String assignee,

        @Size(max = TodoPatch.MOST_NOTES, message = "is at most 10,000 characters")
        String notes) {

    /** A todo with a name, as the pages' forms make one. */
    public TodoInput(String name, Boolean finished) {
        this(name, finished, null, null, null);
    }
}
