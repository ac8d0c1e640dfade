package io.livetodo.common;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on; mapped to its status and {@code {"error": message}}, with
 * {@code Retry-After} when the client should try again later.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final List<ApiError.FieldError> details;
    private final long retryAfterSeconds;

    public ApiException(int status, String message, List<ApiError.FieldError> details) {
        this(status, message, details, 0);
    }

    private ApiException(int status, String message, List<ApiError.FieldError> details, long retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.details = details;
        this.retryAfterSeconds = retryAfterSeconds;
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

    /** 409 for a request that is still being answered: the client may repeat it after the given seconds. */
    public static ApiException stillRunning(String message, long retryAfterSeconds) {
        return new ApiException(409, message, List.of(), Math.max(1, retryAfterSeconds));
    }

    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new ApiError.FieldError(field, message)));
    }

    public static ApiException invalid(List<ApiError.FieldError> details) {
        return new ApiException(422, ApiError.INVALID_FIELDS, details);
    }

    /** 429: the client has done this too often; it may try again after the given seconds. */
    public static ApiException tooMany(String message, long retryAfterSeconds) {
        return new ApiException(429, message, List.of(), Math.max(1, retryAfterSeconds));
    }

    /** 503: the service cannot take this on now; the client may try again after the given seconds. */
    public static ApiException unavailable(String message, long retryAfterSeconds) {
        return new ApiException(503, message, List.of(), Math.max(1, retryAfterSeconds));
    }

    public int status() {
        return status;
    }

    /** The headers that go with this answer on every route, JSON or page: Retry-After when waiting would help. */
    public Map<String, String> headers() {
        return retryAfterSeconds > 0 ? Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)) : Map.of();
    }

    public ApiError body() {
        return new ApiError(getMessage(), details);
    }
}
