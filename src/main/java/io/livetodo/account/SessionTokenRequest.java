package io.livetodo.account;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

final class SessionTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    SessionTokenRequest(String token) {
        this.token = token;
    }

    String token() {
        return token;
    }
}
