package io.livetodo.todo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.livetodo.common.ValidName;
import jakarta.validation.constraints.AssertTrue;

/** A change to a todo: either field or both. */
public record TodoPatch(
        @ValidName String name,
        @JsonDeserialize(using = TutorialBoolean.class) Boolean finished) {

    @JsonIgnore
    @AssertTrue(message = "give name, finished or both")
    public boolean isChange() {
        return name != null || finished != null;
    }
}
