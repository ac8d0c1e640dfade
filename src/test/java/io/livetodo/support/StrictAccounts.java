package io.livetodo.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * The service with low log-in and registration limits and short sessions (idle for a second, a
 * lifetime of three), behind a trusted proxy on 127.0.0.1 (which may say the request came over
 * TLS); every other loopback address is a client of its own. One profile for the account tests
 * that need any of these, as each profile costs the suite a build and a start of its own.
 */
public class StrictAccounts implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "livetodo.login.max-failures-per-address", "3",
                "livetodo.login.max-failures-per-username", "4",
                "livetodo.registration.max-per-address", "5",
                "livetodo.session.idle-timeout", "PT1S",
                "livetodo.session.max-lifetime", "PT3S",
                "quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.allow-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    }
}
