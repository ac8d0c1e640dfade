package io.livetodo.common;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A request whose URI is not one (RFC 3986: a raw {@code " < > \ ^ ` { | }}, a {@code %} not
 * followed by two hex digits, a control character) is answered 400 with a JSON error before
 * anything else reads it: every other route may take the URI for a valid one.
 */
@ApplicationScoped
public class UriCheck {

    /** The JVM property that turns off the bare-400 check Quarkus makes in its place; {@link Main} sets it. */
    static final String QUARKUS_CHECK_OFF = "vertx.disableURIValidation";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        try {
            new URI(context.request().uri());
        } catch (URISyntaxException invalid) {
            JsonErrors.send(
                    context.response(),
                    400,
                    "The request's URI is not valid: characters such as { | ^ \" < > and spaces must be "
                            + "percent-encoded (%7B, %7C, ...), and a % must start such an escape ("
                            + invalid.getReason() + ").");
            return;
        }
        context.next();
    }
}
