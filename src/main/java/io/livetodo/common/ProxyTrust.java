package io.livetodo.common;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Refuses to start when forwarded headers are believed from anyone. With proxy address
 * forwarding on and no trusted proxies named, Quarkus takes {@code X-Forwarded-For} from every
 * sender, so any client could pick the address that the per-address limits count it under.
 * Off (the default), no forwarded header is believed.
 */
@Singleton
public class ProxyTrust {

    private static final Logger LOG = Logger.getLogger(ProxyTrust.class);

    void check(
            @Observes @Priority(0) StartupEvent event,
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
                    boolean forwarding,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trusted) {
        if (forwarding && trusted.map(List::isEmpty).orElse(true)) {
            LOG.error("livetodo cannot start: proxy address forwarding is on but no trusted proxies are named;"
                    + " set QUARKUS_HTTP_PROXY_TRUSTED_PROXIES to the addresses of your proxies");
            Quarkus.asyncExit(1);
        }
    }
}
