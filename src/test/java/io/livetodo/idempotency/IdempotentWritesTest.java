package io.livetodo.idempotency;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The Idempotency-Key's edges that need the database's hand: a repeat while the first runs, and a key's 24 hours. */
@QuarkusTest
class IdempotentWritesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    IdempotentWrites writes;

    @Test
    void aRepeatWhileTheFirstIsStillRunningIs409AndLaterGetsTheFirstAnswer() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        String key = UUID.randomUUID().toString();
        long heldBefore = advisoryLocks();
        SqlConnection holder = pool.getConnection().await().atMost(WAIT);
        CompletableFuture<Response> first;
        try {
            // The first create takes its key, then waits for the list, which this transaction holds.
            Transaction holding = holder.begin().await().atMost(WAIT);
            holder.preparedQuery("select id from todo_list where id = $1 for update")
                    .execute(Tuple.of(list))
                    .await()
                    .atMost(WAIT);
            first = CompletableFuture.supplyAsync(() ->
                    as(user).header("Idempotency-Key", key).body(named("Salt")).post("/todos/"));
            await().atMost(WAIT).until(() -> advisoryLocks() > heldBefore);

            as(user).header("Idempotency-Key", key)
                    .body(named("Salt"))
                    .post("/todos/")
                    .then()
                    .statusCode(409)
                    .header("Retry-After", "1")
                    .body("error", containsString("still being answered"));
            holding.commit().await().atMost(WAIT);
        } finally {
            holder.close().await().atMost(WAIT);
        }

        Response answered = first.get(10, TimeUnit.SECONDS);
        assertThat(answered.statusCode()).isEqualTo(303);
        as(user).header("Idempotency-Key", key)
                .body(named("Salt"))
                .post("/todos/")
                .then()
                .statusCode(303)
                .header("Location", answered.header("Location"));
        assertThat(as(user).get("/todos/").jsonPath().getList("name")).containsExactly("Salt");
    }

    @Test
    void aKeyIsForgottenAfter24HoursAndPrunedInTheBackground() {
        User user = newUser();
        String key = UUID.randomUUID().toString();
        as(user).header("Idempotency-Key", key)
                .body(named("Flour"))
                .post("/todos/")
                .then()
                .statusCode(303);
        pool.preparedQuery("update idempotency_key set created_at = now() - interval '25 hours' where key = $1")
                .execute(Tuple.of(key))
                .await()
                .atMost(WAIT);

        // Forgotten, the repeat runs again, and meets the todo it made the first time.
        as(user).header("Idempotency-Key", key)
                .body(named("Flour"))
                .post("/todos/")
                .then()
                .statusCode(409);
        pool.preparedQuery("update idempotency_key set created_at = now() - interval '25 hours' where key = $1")
                .execute(Tuple.of(key))
                .await()
                .atMost(WAIT);
        writes.pruneExpired().await().atMost(WAIT);

        assertThat(pool.preparedQuery("select count(*) from idempotency_key where key = $1")
                        .execute(Tuple.of(key))
                        .await()
                        .atMost(WAIT)
                        .iterator()
                        .next()
                        .getLong(0))
                .isZero();
    }

    private long advisoryLocks() {
        return pool.query("select count(*) from pg_locks where locktype = 'advisory' and granted")
                .execute()
                .await()
                .atMost(WAIT)
                .iterator()
                .next()
                .getLong(0);
    }
}
