package io.livetodo.common;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

/** The trace of the request being served, when tracing is on: what it records (its changes) names it. */
public final class RequestTrace {

    private RequestTrace() {}

    /** The trace id of the current request, or null when it is not traced. */
    public static String current() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
