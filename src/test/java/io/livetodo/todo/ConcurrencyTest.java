package io.livetodo.todo;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrencyTest {

    @Test
    void fiftyConcurrentCreatesOfDistinctNamesAllSucceed() throws Exception {
        User user = newUser();
        List<Integer> statuses =
                all(50, i -> as(user).body(named("task " + i)).post("/todos/").statusCode());
        assertThat(statuses).containsOnly(303);
        List<String> names =
                as(user).get("/todos/").then().statusCode(200).extract().path("name");
        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(
                        IntStream.range(0, 50).mapToObj(i -> "task " + i).toList());
        assertThat(as(user).get("/lists/" + personalListId(user))
                        .then()
                        .extract()
                        .<Integer>path("version"))
                .isEqualTo(51);
    }

    @Test
    void twentyConcurrentCreatesOfOneNameGiveOneTodo() throws Exception {
        User user = newUser();
        List<Integer> statuses =
                all(20, i -> as(user).body(named("only once")).post("/todos/").statusCode());
        assertThat(statuses).filteredOn(s -> s == 303).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(19);
        assertThat(as(user).get("/todos/").then().extract().<List<?>>path("")).hasSize(1);
        assertThat(as(user).get("/lists/" + personalListId(user))
                        .then()
                        .extract()
                        .<Integer>path("version"))
                .isEqualTo(2);
    }

    @Test
    void concurrentPatchesOfOneTodoEachCountOnce() throws Exception {
        User user = newUser();
        long id = createTodo(user, "contended");
        List<Integer> statuses = all(
                20,
                i -> as(user).body("{\"finished\": " + (i % 2 == 0) + "}")
                        .patch("/todos/" + id)
                        .statusCode());
        long successes = statuses.stream().filter(s -> s == 204).count();
        assertThat(successes).isEqualTo(20);
        int version = as(user).get("/todos/" + id).then().extract().path("version");
        assertThat(version).isEqualTo(1 + successes);
    }

    @Test
    void concurrentPatchesWithTheSameIfMatchLetExactlyOneThrough() throws Exception {
        User user = newUser();
        long id = createTodo(user, "guarded");
        List<Integer> statuses = all(
                10,
                i -> as(user).header("If-Match", "\"1\"")
                        .body("{\"name\": \"winner " + i + "\"}")
                        .patch("/todos/" + id)
                        .statusCode());
        assertThat(statuses).filteredOn(s -> s == 204).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(9);
        assertThat(as(user).get("/todos/" + id).then().extract().<Integer>path("version"))
                .isEqualTo(2);
    }

    /** Runs n calls at once (released together) and returns their results. */
    static <T> List<T> all(int n, IndexedCall<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return call.call(index);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    interface IndexedCall<T> {
        T call(int index) throws Exception;
    }
}
