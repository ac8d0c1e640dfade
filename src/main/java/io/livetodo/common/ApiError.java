package io.livetodo.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The body of every error response. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection
public record ApiError(String error, List<FieldError> details) {

    /** What a 422 says: its details name the fields and what is wrong with each. */
    public static final String INVALID_FIELDS = "The request has invalid fields.";

    public ApiError(String error) {
        this(error, List.of());
    }

    @RegisterForReflection
    public record FieldError(String field, String message) {}
}
