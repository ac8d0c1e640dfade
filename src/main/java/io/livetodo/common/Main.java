package io.livetodo.common;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** livetodo's entry point: Quarkus, with the one JVM setting that must come before it starts. */
@QuarkusMain
public class Main {

    /**
     * Quarkus answers a request whose URI {@link java.net.URI} refuses (a raw {@code {} or
     * {@code |}, a stray {@code %}) with a bare 400 before any route runs, and reads this
     * property once, as its HTTP layer loads. Off, such requests reach {@link UriCheck}, which
     * answers them with a JSON error like every other.
     */
    public static void main(String... args) {
        System.setProperty(UriCheck.QUARKUS_CHECK_OFF, "true");
        Quarkus.run(args);
    }
}
