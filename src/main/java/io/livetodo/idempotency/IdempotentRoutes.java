package io.livetodo.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.common.CurrentUser;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Makes an API write sent with an {@code Idempotency-Key} happen once: the resource method's work
 * runs inside {@link IdempotentWrites#once}, and its answer is stored as the client got it.
 * A write without a key runs as it is, on its own faster path.
 */
@Idempotent
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class IdempotentRoutes {

    private final IdempotentWrites writes;
    private final SecurityIdentity identity;
    private final HttpServerRequest request;
    private final ObjectMapper json;

    IdempotentRoutes(IdempotentWrites writes, SecurityIdentity identity, HttpServerRequest request, ObjectMapper json) {
        this.writes = writes;
        this.identity = identity;
        this.request = request;
        this.json = json;
    }

    @AroundInvoke
    Object once(InvocationContext call) throws Exception {
        String key = request.getHeader(IdempotentWrites.HEADER);
        if (key == null) {
            return call.proceed();
        }
        IdempotentWrites.Attempt attempt = IdempotentWrites.Attempt.of(
                key, request.method() + " " + request.uri() + "\n" + json.writeValueAsString(arguments(call)));
        @SuppressWarnings("unchecked")
        Uni<Object> write = (Uni<Object>) call.proceed();
        return writes.once(
                CurrentUser.of(identity).id(),
                attempt,
                () -> write,
                result -> IdempotentWrites.Answer.of(response(result), json));
    }

    /** What the client sent, as the method got it: the body's record and the path and query values, not the request itself. */
    private static List<Object> arguments(InvocationContext call) {
        List<Object> sent = new ArrayList<>();
        for (Object argument : call.getParameters()) {
            if (argument == null
                    || argument instanceof Record
                    || argument instanceof String
                    || argument instanceof Number
                    || argument instanceof Boolean) {
                sent.add(argument);
            }
        }
        return sent;
    }

    /** The answer the route gives for its result, as Quarkus REST would build it. */
    private static Response response(Object result) {
        if (result instanceof Response response) {
            return response;
        }
        if (result instanceof RestResponse<?> response) {
            return response.toResponse();
        }
        return result == null
                ? Response.noContent().build()
                : Response.ok(result).build();
    }
}
