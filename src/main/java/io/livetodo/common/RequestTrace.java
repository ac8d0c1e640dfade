package io.livetodo.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/**
 * The trace of the request being served, when tracing is on, so that what it records (its
 * changes) names it. It is noted as the request arrives, while its tracing context is attached,
 * and kept on the request's Vert.x context: the reactive steps after it may run where that
 * tracing context is no longer attached.
 */
@ApplicationScoped
public class RequestTrace {

    private static final String KEY = "livetodo.trace";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 3).handler(context -> {
            String trace = attached();
            if (trace != null && VertxContext.isOnDuplicatedContext()) {
                ContextLocals.put(KEY, trace);
            }
            context.next();
        });
    }

    /** The trace id of the current request, or null when it is not traced. */
    public static String current() {
        if (VertxContext.isOnDuplicatedContext()) {
            return ContextLocals.<String> get(KEY).orElseGet(RequestTrace::attached);
        }
        return attached();
    }

    /**
     * Asks Quarkus's own store of the tracing context, the Vert.x context, rather than the
     * OpenTelemetry API's global lookup, which in a test JVM may still belong to an application
     * started before a restart.
     */
    private static String attached() {
        io.vertx.core.Context vertx = Vertx.currentContext();
        Context otel = vertx == null ? null : QuarkusContextStorage.getOtelContext(vertx);
        SpanContext span = Span.fromContext(otel == null ? Context.current() : otel).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
