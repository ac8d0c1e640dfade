package io.livetodo.common;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every error response. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, List<FieldError> details) {

    public ApiError(String error) {
        this(error, List.of());
    }

    public record FieldError(String field, String message) {
    }
}
