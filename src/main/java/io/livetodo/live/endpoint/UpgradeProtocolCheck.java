package io.livetodo.live.endpoint;

import io.livetodo.common.JsonErrors;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Answers a malformed header-carrying sub-protocol ({@code quarkus-http-upgrade#<header>#<value>},
 * how browsers send a token with a WebSocket upgrade) with a JSON 400. The WebSocket extension
 * reads these on every path, at order -220, and fails such a request with a 500 and an error in
 * the log; this check runs just before it, by the same rules.
 */
@ApplicationScoped
public class UpgradeProtocolCheck {

    static final String HEADER_CARRIER = "quarkus-http-upgrade";
    private static final String MALFORMED = "The Sec-WebSocket-Protocol header is malformed: send a token as "
            + HEADER_CARRIER + "#Authorization#<token>, next to the protocol livetodo.";

    void install(@Observes Router router) {
        router.route().order(-250).handler(this::check);
    }

    private void check(RoutingContext context) {
        String protocols = context.request().getHeader("Sec-WebSocket-Protocol");
        if (protocols != null && protocols.contains(HEADER_CARRIER) && !wellFormed(protocols)) {
            JsonErrors.send(context.response(), 400, MALFORMED);
        } else {
            context.next();
        }
    }

    /** Every carrier has a header name and a value, and some other protocol is offered beside them. */
    private static boolean wellFormed(String protocols) {
        boolean carriers = false;
        boolean others = false;
        for (String protocol : protocols.split(",")) {
            String offered = protocol.strip();
            if (!offered.startsWith(HEADER_CARRIER)) {
                others = true;
                continue;
            }
            carriers = true;
            try {
                String[] parts =
                        URLDecoder.decode(offered, StandardCharsets.UTF_8).split("#");
                if (parts.length != 3 || parts[1].isBlank() || parts[2].isBlank()) {
                    return false;
                }
            } catch (IllegalArgumentException badEscape) {
                return false;
            }
        }
        return !carriers || others;
    }
}
