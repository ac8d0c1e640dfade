package io.livetodo.todo;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A change to a todo: either field or both. */
public record TodoPatch(
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be empty")
        @Size(max = 255, message = "must be at most 255 characters") String name,
        Boolean finished) {

    @JsonIgnore
    @AssertTrue(message = "give name, finished or both")
    public boolean isChange() {
        return name != null || finished != null;
    }
}
