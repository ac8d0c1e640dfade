package io.livetodo.common;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * {@code /q/metrics} is for the cluster's monitoring, which scrapes each instance directly: a
 * request that came through a trusted proxy (the ingress, the balancer) gets 404, as if there were
 * nothing there. Health stays reachable, as load balancers probe it.
 */
@ApplicationScoped
public class ClusterOnly {

    private static final String METRICS = "/q/metrics";

    private final ClientAddress clientAddress;

    ClusterOnly(ClientAddress clientAddress) {
        this.clientAddress = clientAddress;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        String path = context.request().path();
        if (path != null
                && (path.equals(METRICS) || path.startsWith(METRICS + "/"))
                && clientAddress.viaTrustedProxy(context.request())) {
            JsonErrors.send(context.response(), 404, HttpErrors.message(404));
        } else {
            context.next();
        }
    }
}
