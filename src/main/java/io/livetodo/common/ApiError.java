package io.livetodo.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The body of every error response. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection
public record ApiError(String error, List<FieldError> details) {

    public ApiError(String error) {
        this(error, List.of());
    }

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
