package io.livetodo.common;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import io.vertx.core.Vertx;

/** The trace of the request being served, when tracing is on: what it records (its changes) names it. */
public final class RequestTrace {

    private RequestTrace() {
    }

    /**
     * The current trace id, or null. It is read from Quarkus's own store of the tracing context,
     * the request's Vert.x context, rather than through the OpenTelemetry API's global lookup,
     * which in a test JVM may still belong to an application started before a restart.
     */
    public static String current() {
        io.vertx.core.Context vertx = Vertx.currentContext();
        Context otel = vertx == null ? null : QuarkusContextStorage.getOtelContext(vertx);
        SpanContext span = Span.fromContext(otel == null ? Context.current() : otel).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
