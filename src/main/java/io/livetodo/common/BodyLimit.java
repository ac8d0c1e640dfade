package io.livetodo.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses bodies over the size limit with the JSON error format before anything reads them;
 * the HTTP layer's own refusal has an empty body.
 */
@ApplicationScoped
public class BodyLimit {

    void install(
            @Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
        long max = limit.asLongValue();
        String message = "The request body is larger than " + readable(max) + ".";
        // A body without a length is read here, up to the limit, so that going over it fails the
        // request with 413 before anything else has answered.
        BodyHandler chunked = BodyHandler.create(false).setBodyLimit(max);
        router.route()
                .order(Integer.MIN_VALUE)
                .handler(context -> {
                    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null && exceeds(length, max)) {
                        tooLarge(context, message);
                    } else if (length == null
                            && context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true)) {
                        chunked.handle(context);
                    } else {
                        context.next();
                    }
                })
                .failureHandler(context -> {
                    if (context.statusCode() == 413) {
                        tooLarge(context, message);
                    } else {
                        context.next();
                    }
                });
    }

    private static void tooLarge(RoutingContext context, String message) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        JsonErrors.send(context.response(), 413, message);
    }

    /** 65536 → "64 KiB"; a limit that is not a whole number of KiB is given in bytes. */
    static String readable(long bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static boolean exceeds(String length, long max) {
        try {
            return Long.parseLong(length.strip()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
