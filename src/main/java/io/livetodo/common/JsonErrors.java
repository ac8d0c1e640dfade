package io.livetodo.common;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * The JSON error body, written from plain Vert.x handlers that answer before the REST layer
 * (and its {@link ErrorMapper}) is reached. A route failed with an {@link ApiException}, such as
 * a refused live upgrade, is answered here too.
 */
@ApplicationScoped
public class JsonErrors {

    public static void send(HttpServerResponse response, int status, String message) {
        send(response, new ApiException(status, message, List.of()));
    }

    public static void send(HttpServerResponse response, ApiException error) {
        response.setStatusCode(error.status()).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
        error.headers().forEach(response::putHeader);
        response.end(Json.encode(error.body()));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(context -> {
            if (context.failure() instanceof ApiException error
                    && !context.response().headWritten()) {
                send(context.response(), error);
            } else {
                context.next();
            }
        });
    }
}
