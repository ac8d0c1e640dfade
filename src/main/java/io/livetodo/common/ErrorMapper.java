package io.livetodo.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The one place where failures become {@code {"error": ...}} responses. 4xx are logged quietly, 5xx loudly. */
public class ErrorMapper {

    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    private static final Logger LOG = Logger.getLogger(ErrorMapper.class);

    private final DatabaseOutage outage;

    ErrorMapper(DatabaseOutage outage) {
        this.outage = outage;
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        Response.ResponseBuilder response = json(e.status(), e.body());
        e.headers().forEach(response::header);
        return response.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        if (e.getConstraintViolations().stream().anyMatch(ErrorMapper::isMissingBody)) {
            return error(400, "The request body must be a JSON object.");
        }
        List<ApiError.FieldError> details = e.getConstraintViolations().stream()
                .map(v -> new ApiError.FieldError(field(v.getPropertyPath()), v.getMessage()))
                .sorted(Comparator.comparing(ApiError.FieldError::field))
                .toList();
        return json(422, new ApiError(ApiError.INVALID_FIELDS, details)).build();
    }

    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                .collect(Collectors.joining("."));
        if (field.isEmpty()) {
            return error(422, "The request body must be a JSON object.");
        }
        return json(
                        422,
                        new ApiError(
                                ApiError.INVALID_FIELDS, List.of(new ApiError.FieldError(field, "has the wrong type"))))
                .build();
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping
                && mapping.getCause() instanceof MismatchedInputException mismatch) {
            return wrongType(mismatch);
        }
        return error(400, "The request body is not valid JSON.");
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, RoutingContext request) {
        Long wait = request.get(HttpErrors.TOKEN_GUESSING);
        if (wait != null) {
            return Response.fromResponse(error(429, HttpErrors.message(429)))
                    .header("Retry-After", wait)
                    .build();
        }
        return error(401, HttpErrors.message(401));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return error(403, "You may not do that.");
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return malformed(json);
        }
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        return error(status, HttpErrors.message(status));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ApiException api) {
            return api(api);
        }
        ApiException refusal = DatabaseErrors.refusal(cause);
        if (refusal != null) {
            return api(refusal);
        }
        if (DatabaseErrors.isUnavailable(cause)) {
            outage.noticed(DatabaseErrors.describe(cause));
            return api(ApiException.unavailable(HttpErrors.message(503), 5));
        }
        LOG.error("Unexpected failure", cause);
        return error(500, HttpErrors.message(500));
    }

    private static boolean isMissingBody(ConstraintViolation<?> violation) {
        Path.Node last = null;
        for (Path.Node node : violation.getPropertyPath()) {
            last = node;
        }
        return last != null && last.getKind() == ElementKind.PARAMETER && violation.getInvalidValue() == null;
    }

    private static String field(Path path) {
        String field = null;
        for (Path.Node node : path) {
            field = node.getName();
        }
        // Named as in the JSON, whose names are snake_case.
        return field == null ? "" : SNAKE_CASE.translate(field);
    }

    private static Response error(int status, String message) {
        return json(status, new ApiError(message)).build();
    }

    private static Response.ResponseBuilder json(int status, ApiError body) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body);
    }
}
