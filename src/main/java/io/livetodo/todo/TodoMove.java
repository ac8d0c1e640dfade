package io.livetodo.todo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSetter;
import jakarta.validation.constraints.AssertTrue;

/** Where a todo goes: right after the todo {@code after} of its list, or first ({@code "after": null}). */
public final class TodoMove {

    private Long after;
    private boolean given;

    public Long after() {
        return after;
    }

    @JsonSetter("after")
    void setAfter(Long after) {
        this.after = after;
        this.given = true;
    }

    /** An empty body moves nothing: going first is asked for by name. */
    @JsonIgnore
    @AssertTrue(message = "give after: the id of the todo to go after, or null to go first")
    public boolean isGiven() {
        return given;
    }
}
