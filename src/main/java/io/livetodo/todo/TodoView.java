package io.livetodo.todo;

import java.time.Instant;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record TodoView(long id, long listId, String name, boolean finished, String createdBy, String updatedBy,
        Instant createdAt, Instant updatedAt, long version) {

    public String etag() {
        return "\"" + version + "\"";
    }
}
