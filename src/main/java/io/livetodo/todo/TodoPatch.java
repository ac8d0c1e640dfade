package io.livetodo.todo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.livetodo.common.ApiException;
import io.livetodo.common.ValidName;
import jakarta.validation.constraints.AssertTrue;

/**
 * A change to a todo: any of its fields. Of {@code due}, {@code assignee} and {@code notes}, an
 * absent one is left as it is and a null one cleared.
 */
public record TodoPatch(
        @ValidName String name,
        @JsonDeserialize(using = TutorialBoolean.class) Boolean finished,
        JsonNode due,
        JsonNode assignee,
        JsonNode notes) {

    static final int MOST_NOTES = 10_000;

    /** A change of name or tick, as the pages' forms make one. */
    public TodoPatch(String name, Boolean finished) {
        this(name, finished, null, null, null);
    }

    @JsonIgnore
    @AssertTrue(message = "give name, finished, due, assignee, notes or several")
    public boolean isChange() {
        return name != null || finished != null || due != null || assignee != null || notes != null;
    }

    /** The assignee asked for (null: none); only when {@code assignee} was given. */
    String newAssignee() {
        if (assignee.isNull()) {
            return null;
        }
        if (!assignee.isTextual()) {
            throw ApiException.invalid("assignee", "is the username of a member of the list, or null");
        }
        return assignee.asText();
    }

    /** The notes asked for (null clears them); only when {@code notes} was given. */
    String newNotes() {
        if (notes.isNull()) {
            return "";
        }
        if (!notes.isTextual() || notes.asText().length() > MOST_NOTES) {
            throw ApiException.invalid("notes", "is text of at most 10,000 characters, or null");
        }
        return notes.asText();
    }
}
