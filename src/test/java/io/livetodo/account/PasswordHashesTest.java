package io.livetodo.account;

import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.register;
import static io.livetodo.support.Api.uniqueName;
import static io.restassured.RestAssured.given;

import io.livetodo.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PasswordHashesTest {

    /** Api.PASSWORD's digest as Elytron's BcryptUtil hashed it at cost 10, before livetodo hashed with jBCrypt. */
    private static final String ELYTRON_HASH = "$2a$10$3Ta.XOeRWbcYEKyUxpjaKO4ZmOTrF5ygpBKw/hCRUMwMJ8YXg9CZC";

    @Inject
    Pool pool;

    @Test
    void aPasswordHashedBeforeStillLogsIn() {
        String name = uniqueName("old");
        register(name);
        pool.preparedQuery("update app_user set password_hash = $1 where username = $2")
                .execute(Tuple.of(ELYTRON_HASH, name))
                .await()
                .atMost(Duration.ofSeconds(10));

        given().contentType(ContentType.JSON)
                .body(credentials(name, Api.PASSWORD))
                .post("/user")
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(credentials(name, "not the password"))
                .post("/user")
                .then()
                .statusCode(401);
    }
}
