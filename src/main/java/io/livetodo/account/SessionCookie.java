package io.livetodo.account;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.NewCookie;

/**
 * The {@code session} cookie: HttpOnly, SameSite=Lax, Path=/; over TLS also Secure and named
 * {@code __Host-session}, which browsers let no other host or path set. Every cookie of the
 * service is made and read here, so each gets the same protections.
 */
public final class SessionCookie {

    public static final String NAME = "session";
    private static final String HOST_ONLY = "__Host-";

    private SessionCookie() {}

    public static NewCookie of(String token, long maxAgeSeconds, HttpServerRequest request) {
        return httpOnly(NAME, token, (int) Math.min(Integer.MAX_VALUE, maxAgeSeconds), request);
    }

    /**
     * A cookie only the server reads, with the same protections; {@link NewCookie#DEFAULT_MAX_AGE}
     * lasts the browser session. Over plain HTTP it keeps its bare name: browsers refuse a
     * {@code __Host-} cookie that is not Secure.
     */
    public static NewCookie httpOnly(String name, String value, int maxAgeSeconds, HttpServerRequest request) {
        boolean tls = overTls(request);
        return new NewCookie.Builder(tls ? HOST_ONLY + name : name)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(tls)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAgeSeconds)
                .build();
    }

    /** Expired: over TLS both names, as a session set before the prefix would outlive a log-out otherwise. */
    public static NewCookie[] cleared(HttpServerRequest request) {
        NewCookie cleared = of("", 0, request);
        if (!overTls(request)) {
            return new NewCookie[] {cleared};
        }
        NewCookie bare = new NewCookie.Builder(NAME)
                .value("")
                .path("/")
                .httpOnly(true)
                .secure(true)
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(0)
                .build();
        return new NewCookie[] {cleared, bare};
    }

    /** The token the request's cookie carries, or null. */
    public static String token(HttpServerRequest request) {
        return value(request, NAME);
    }

    /** A cookie's value, under its {@code __Host-} name or its bare one (set before TLS, or over plain HTTP); null without one. */
    public static String value(HttpServerRequest request, String name) {
        Cookie cookie = request.getCookie(HOST_ONLY + name);
        if (cookie == null || cookie.getValue().isEmpty()) {
            cookie = request.getCookie(name);
        }
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    /** True for TLS, also when a trusted proxy terminated it and said so ({@code quarkus.http.proxy.*}). */
    public static boolean overTls(HttpServerRequest request) {
        return "https".equalsIgnoreCase(request.scheme());
    }
}
