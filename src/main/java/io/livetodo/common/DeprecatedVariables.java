package io.livetodo.common;

import io.smallrye.config.FallbackConfigSourceInterceptor;
import java.util.Map;

/**
 * The environment variables livetodo's own settings had before they took the standard names
 * ({@code LIVETODO_…}), still read for one release: when a setting is not given under its name,
 * its old variable is used, and only then the default in {@link LivetodoConfig}.
 */
public class DeprecatedVariables extends FallbackConfigSourceInterceptor {

    public DeprecatedVariables() {
        super(Map.of(
                "quarkus.datasource.password", "DB_PASSWORD",
                "livetodo.password.bcrypt-cost", "BCRYPT_COST",
                "livetodo.session.idle-timeout", "SESSION_IDLE_TIMEOUT",
                "livetodo.session.max-lifetime", "SESSION_MAX_LIFETIME"));
    }
}
