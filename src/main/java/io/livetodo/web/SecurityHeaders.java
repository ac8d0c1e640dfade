package io.livetodo.web;

import io.livetodo.account.SessionCookie;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The browser-facing protections on every response outside {@code /q/} (whose developer tools
 * need inline scripts): no inline or foreign script, no framing, no MIME sniffing, no referrer
 * sent to other sites; and over TLS (also when a trusted proxy terminated it), TLS from then on
 * (HSTS, a year, for this host only: whether the domain's other hosts have TLS is not ours to say).
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            if (!context.request().path().startsWith("/q/")) {
                boolean tls = SessionCookie.overTls(context.request());
                context.addHeadersEndHandler(ignored -> add(context.response().headers(), tls));
            }
            context.next();
        });
    }

    private static void add(MultiMap headers, boolean tls) {
        if (tls) {
            headers.set("Strict-Transport-Security", "max-age=31536000");
        }
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "same-origin");
    }
}
