package io.livetodo.todo;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

@RegisterForReflection
public record TodoView(
        long id,
        long listId,
        String name,
        boolean finished,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt,
        long version,
        String position,
        Due due,
        String assignee,
        String notes) {

    public String etag() {
        return "\"" + version + "\"";
    }
}
