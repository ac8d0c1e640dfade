package io.livetodo.common;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;

/** A failure the client can act on; mapped to its status and {@code {"error": message}}. */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<ApiError.FieldError> details;

    public ApiException(int status, String message, List<ApiError.FieldError> details) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
    }

    public ApiException(Status status, String message) {
        this(status.getStatusCode(), message, List.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(Status.NOT_FOUND, message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(Status.FORBIDDEN, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(Status.CONFLICT, message);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(422, "The request has invalid fields.", List.of(new ApiError.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public ApiError body() {
        return new ApiError(getMessage(), details);
    }
}
