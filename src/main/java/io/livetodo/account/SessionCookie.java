package io.livetodo.account;

import jakarta.ws.rs.core.NewCookie;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;

/** The {@code session} cookie: HttpOnly, SameSite=Lax, and Secure whenever the request came over TLS. */
public final class SessionCookie {

    public static final String NAME = "session";

    private SessionCookie() {
    }

    public static NewCookie of(String token, long maxAgeSeconds, HttpServerRequest request) {
        return httpOnly(NAME, token, (int) Math.min(Integer.MAX_VALUE, maxAgeSeconds), request);
    }

    /** A cookie only the server reads, with the same protections; {@link NewCookie#DEFAULT_MAX_AGE} lasts the browser session. */
    public static NewCookie httpOnly(String name, String value, int maxAgeSeconds, HttpServerRequest request) {
        return new NewCookie.Builder(name)
                .value(value)
                .path("/")
                .httpOnly(true)
                .secure(overTls(request))
                .sameSite(NewCookie.SameSite.LAX)
                .maxAge(maxAgeSeconds)
                .build();
    }

    public static NewCookie cleared(HttpServerRequest request) {
        return of("", 0, request);
    }

    /** The token the request's cookie carries, or null. */
    public static String token(HttpServerRequest request) {
        Cookie cookie = request.getCookie(NAME);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    /** True for TLS, also when a proxy terminated it and forwarding is enabled ({@code quarkus.http.proxy.*}). */
    public static boolean overTls(HttpServerRequest request) {
        return "https".equalsIgnoreCase(request.scheme());
    }
}
