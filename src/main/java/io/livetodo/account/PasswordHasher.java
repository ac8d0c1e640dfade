package io.livetodo.account;

import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

import io.livetodo.common.LivetodoConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;

/**
 * bcrypt password hashes, always computed on a worker thread. Passwords are first reduced to a
 * SHA-256 digest because bcrypt ignores everything after 72 bytes and passwords may be 128
 * characters of multi-byte text.
 */
@ApplicationScoped
public class PasswordHasher {

    private final Vertx vertx;
    private final int cost;
    private volatile String decoyHash;

    PasswordHasher(Vertx vertx, LivetodoConfig config) {
        this.vertx = vertx;
        this.cost = Math.max(10, config.password().bcryptCost());
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(digest(password), cost)), false);
    }

    /**
     * Checks a password against a stored hash. With no stored hash (unknown user) it checks
     * against a decoy so that both failures take the same time.
     */
    public Uni<Boolean> matches(String password, String storedHash) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            boolean matches = BcryptUtil.matches(digest(password), storedHash == null ? decoyHash() : storedHash);
            return storedHash != null && matches;
        }), false);
    }

    private String decoyHash() {
        if (decoyHash == null) {
            decoyHash = BcryptUtil.bcryptHash(SessionTokens.newToken(), cost);
        }
        return decoyHash;
    }

    private static String digest(String password) {
        return Base64.getEncoder().encodeToString(SessionTokens.sha256(password));
    }
}
