package io.livetodo.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.io.ByteArrayInputStream;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses bodies over the size limit with the JSON error format before anything reads them;
 * the HTTP layer's own refusal has an empty body. A path may take larger bodies than the general
 * limit ({@link OwnLimit}): its bodies are read here, whole, up to its own limit.
 */
@ApplicationScoped
public class BodyLimit {

    /** A path whose bodies may be larger than the general limit, up to a limit of its own. */
    public interface OwnLimit {

        String path();

        MemorySize maxSize();
    }

    /** A limit, and the error that names it. */
    private record Limit(long max, String message, BodyHandler reader) {

        static Limit of(long max) {
            // A body without a length is read here, up to the limit, so that going over it fails the
            // request with 413 before anything else has answered.
            return new Limit(
                    max,
                    "The request body is larger than " + readable(max) + ".",
                    BodyHandler.create(false).setBodyLimit(max));
        }
    }

    void install(
            @Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit,
            Instance<OwnLimit> ownLimits) {
        Limit general = Limit.of(limit.asLongValue());
        Map<String, Limit> own = new HashMap<>();
        ownLimits.forEach(path -> own.put(path.path(), Limit.of(path.maxSize().asLongValue())));
        router.route()
                .order(Integer.MIN_VALUE)
                .handler(context -> {
                    Limit its = own.getOrDefault(context.normalizedPath(), general);
                    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
                    if (length != null && exceeds(length, its.max())) {
                        tooLarge(context, its.message());
                    } else if (its != general
                            || (length == null
                                    && context.request()
                                            .headers()
                                            .contains(HttpHeaders.TRANSFER_ENCODING, "chunked", true))) {
                        its.reader().handle(context);
                    } else {
                        context.next();
                    }
                })
                .failureHandler(context -> {
                    if (context.statusCode() == 413) {
                        tooLarge(
                                context,
                                own.getOrDefault(context.normalizedPath(), general)
                                        .message());
                    } else {
                        context.next();
                    }
                });
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            // The HTTP layer's own check, which comes next, knows only the general limit and would
            // refuse the declared length of a body its path may take; that body is read whole by now,
            // within its own limit, so its length is no longer needed to read it.
            if (own.containsKey(context.normalizedPath())) {
                context.request().headers().remove(HttpHeaders.CONTENT_LENGTH);
            }
            context.next();
        });
    }

    /**
     * Gives the REST layer a body read here as it is: left to take it from the request, it reads
     * one longer than its input buffer (10 KiB) as zeros.
     */
    @ServerRequestFilter(preMatching = true)
    public void readBody(ContainerRequestContext request, RoutingContext context) {
        Buffer body = context.body().buffer();
        if (body != null) {
            request.setEntityStream(new ByteArrayInputStream(body.getBytes()));
        }
    }

    private static void tooLarge(RoutingContext context, String message) {
        context.response().putHeader(HttpHeaders.CONNECTION, "close");
        JsonErrors.send(context.response(), 413, message);
    }

    /** 65536 → "64 KiB", 5242880 → "5 MiB"; a limit that is not a whole number of KiB is given in bytes. */
    static String readable(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
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
