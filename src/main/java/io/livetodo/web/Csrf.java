package io.livetodo.web;

import io.livetodo.account.SessionCookie;
import io.livetodo.account.SessionTokens;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.NewCookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The token every page form carries. It is derived from a secret the browser holds in an
 * HttpOnly cookie (the session token once logged in, a random visitor value before), so a
 * forged form from another site, which can neither read that cookie nor the page, cannot
 * supply it; no server-side state is needed, which keeps instances interchangeable.
 */
public final class Csrf {

    public static final String FIELD = "csrf";
    static final String VISITOR_COOKIE = "visitor";

    private Csrf() {}

    /** The token for forms of a logged-in page. */
    static String forSession(HttpServerRequest request) {
        return token(SessionCookie.token(request));
    }

    /** The token for the log-in and registration forms; null until the visitor cookie is set. */
    static String forVisitor(HttpServerRequest request) {
        String secret = SessionCookie.value(request, VISITOR_COOKIE);
        return secret == null ? null : token(secret);
    }

    static NewCookie newVisitorCookie(String secret, HttpServerRequest request) {
        return SessionCookie.httpOnly(VISITOR_COOKIE, secret, NewCookie.DEFAULT_MAX_AGE, request);
    }

    static String newVisitorSecret() {
        return SessionTokens.newToken();
    }

    static String token(String secret) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(SessionTokens.sha256("livetodo form\n" + secret));
    }

    static boolean matches(String expected, String submitted) {
        return expected != null
                && submitted != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII));
    }
}
