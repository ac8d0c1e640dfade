package io.livetodo.change;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Reads the change log table itself: it is what the live connections will be fed from. */
@QuarkusTest
class ChangeLogTest {

    @Inject
    Pool pool;

    @Test
    void versionsAreConsecutiveAndGapFreeUnderConcurrentWriters() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Busy");
        share(owner, list, member);
        long todo = createTodo(owner, list, "shared");

        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            User who = n % 2 == 0 ? owner : member;
            Callable<Integer> write = switch (n % 4) {
                case 0 ->
                    () -> as(who).body(named("item " + n))
                            .post("/lists/" + list + "/todos/")
                            .statusCode();
                case 1 ->
                    () -> as(who).body("{\"finished\": " + (n % 3 == 0) + "}")
                            .patch("/todos/" + todo)
                            .statusCode();
                case 2 ->
                    () -> as(who).body(named("dup"))
                            .post("/lists/" + list + "/todos/")
                            .statusCode();
                default ->
                    () -> as(owner)
                            .body(named("Busy " + n))
                            .patch("/lists/" + list)
                            .statusCode();
            };
            writes.add(pool.submit(() -> {
                start.await();
                return write.call();
            }));
        }
        start.countDown();
        long successes = 0;
        for (Future<Integer> w : writes) {
            int status = w.get();
            assertThat(status).isIn(200, 204, 303, 409);
            if (status != 409) {
                successes++;
            }
        }
        pool.shutdown();

        // The owner's and the member's member.added and the first todo came before the concurrent writes.
        long expected = 3 + successes;
        List<Long> versions = versionsOf(list);
        assertThat(versions)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, expected).boxed().toList());
        assertThat(as(owner).get("/lists/" + list).then().extract().<Integer>path("version"))
                .isEqualTo((int) expected);
    }

    @Test
    void aRolledBackWriteLeavesNoRecordAndEachKindOfChangeIsRecorded() {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Kinds");
        share(owner, list, member);
        long todo = createTodo(owner, list, "one");
        as(owner).body(named("one")).post("/lists/" + list + "/todos/").then().statusCode(409);
        as(owner).body("{\"finished\": true}").patch("/todos/" + todo).then().statusCode(204);
        as(owner).delete("/todos/" + todo).then().statusCode(204);
        as(owner).body(named("Renamed")).patch("/lists/" + list).then().statusCode(200);
        as(owner).delete("/lists/" + list + "/members/" + member.name()).then().statusCode(204);
        as(owner).delete("/lists/" + list).then().statusCode(204);

        List<Row> rows = pool
                .preparedQuery(
                        "select version, type, data::text as data from change_log where list_id = $1 order by version")
                .execute(Tuple.of(list))
                .await()
                .indefinitely()
                .stream()
                .toList();
        assertThat(rows)
                .extracting(r -> r.getString("type"))
                .containsExactly(
                        "member.added",
                        "member.added",
                        "todo.created",
                        "todo.updated",
                        "todo.deleted",
                        "list.updated",
                        "member.removed",
                        "list.deleted");
        assertThat(rows).extracting(r -> r.getLong("version")).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(rows.get(0).getString("data")).contains(owner.name()).contains("owner");
        assertThat(rows.get(2).getString("data")).contains("\"name\": \"one\"");
        assertThat(rows.get(6).getString("data")).contains(member.name());
    }

    private List<Long> versionsOf(long list) {
        return pool
                .preparedQuery("select version from change_log where list_id = $1 order by version")
                .execute(Tuple.of(list))
                .await()
                .indefinitely()
                .stream()
                .map(r -> r.getLong("version"))
                .toList();
    }
}
