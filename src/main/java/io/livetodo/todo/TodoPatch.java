package io.livetodo.todo;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** A change to a todo: either field or both. */
public record TodoPatch(
        @Pattern(regexp = "(?s)[^\\x00]*[^\\s\\x00][^\\x00]*", message = "must not be empty or contain NUL characters")
        @Size(max = 255, message = "must be at most 255 characters") String name,
        @JsonDeserialize(using = TutorialBoolean.class) Boolean finished) {

    @JsonIgnore
    @AssertTrue(message = "give name, finished or both")
    public boolean isChange() {
        return name != null || finished != null;
    }
}
