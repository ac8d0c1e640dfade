package io.livetodo.web;

import io.quarkus.qute.TemplateExtension;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A fresh Idempotency-Key in every form a page shows ({@code {form:key}}), so that a form sent
 * twice, by a double click or a browser resending it, is done once.
 */
@TemplateExtension(namespace = "form")
public final class FormKeys {

    private static final SecureRandom RANDOM = new SecureRandom();

    private FormKeys() {}

    static String key() {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }
}
