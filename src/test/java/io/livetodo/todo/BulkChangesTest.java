package io.livetodo.todo;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.LiveClient.versionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Marking a whole list finished and clearing its finished todos (SPEC §7). */
@QuarkusTest
class BulkChangesTest {

    @Test
    void markingAllIsOneChangePerTodoThatChangesUnderConsecutiveVersions() throws Exception {
        User user = newUser();
        long list = createList(user, "Bulk");
        long first = createTodo(user, list, "a");
        long done = createTodo(user, list, "b");
        long third = createTodo(user, list, "c");
        as(user).body("{\"finished\": true}").patch("/todos/" + done).then().statusCode(204);
        try (LiveClient live = LiveClient.connect(base(), user)) {
            long start = versionIn(live.next(), list);

            as(user).body("{\"finished\": true}")
                    .patch("/lists/" + list + "/todos/")
                    .then()
                    .statusCode(204);
            List<JsonNode> marked = live.next(2);
            assertThat(marked).extracting(m -> m.path("version").asLong()).containsExactly(start + 1, start + 2);
            assertThat(marked).extracting(m -> m.path("type").asText()).containsOnly("todo.updated");
            assertThat(marked)
                    .extracting(m -> m.path("data").path("id").asLong())
                    .containsExactly(first, third);
            assertThat(marked)
                    .allSatisfy(m -> assertThat(m.path("data").path("finished").asBoolean())
                            .isTrue());
            assertThat(as(user).get("/lists/" + list + "/todos/").jsonPath().getList("finished", Boolean.class))
                    .containsOnly(true);

            as(user).body("{\"finished\": \"false\"}")
                    .patch("/lists/" + list + "/todos/")
                    .then()
                    .statusCode(204);
            assertThat(live.next(3))
                    .extracting(m -> m.path("version").asLong())
                    .containsExactly(start + 3, start + 4, start + 5);
            assertThat(as(user).get("/lists/" + list + "/todos/").jsonPath().getList("finished", Boolean.class))
                    .containsOnly(false);
        }
    }

    @Test
    void clearingDeletesOnlyTheFinishedTodosWithOneChangeEach() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(createTodo(user, "todo " + i));
        }
        as(user).body("{\"finished\": true}")
                .patch("/todos/" + ids.get(1))
                .then()
                .statusCode(204);
        as(user).body("{\"finished\": true}")
                .patch("/todos/" + ids.get(3))
                .then()
                .statusCode(204);
        try (LiveClient live = LiveClient.connect(base(), user)) {
            long start = versionIn(live.next(), list);

            as(user).delete("/todos/").then().statusCode(400).body("error", containsString("finished=true"));
            as(user).delete("/todos/?finished=true").then().statusCode(204);
            List<JsonNode> deleted = live.next(2);
            assertThat(deleted).extracting(m -> m.path("version").asLong()).containsExactly(start + 1, start + 2);
            assertThat(deleted).extracting(m -> m.path("type").asText()).containsOnly("todo.deleted");
            assertThat(deleted)
                    .extracting(m -> m.path("data").path("id").asLong())
                    .containsExactly(ids.get(1), ids.get(3));
            assertThat(as(user).get("/todos/").jsonPath().getList("id", Long.class))
                    .containsExactly(ids.get(0), ids.get(2));

            as(user).delete("/todos/?finished=true").then().statusCode(204);
            as(user).body("{\"finished\": true}").patch("/todos/").then().statusCode(204);
            assertThat(live.next(2)).extracting(m -> m.path("version").asLong()).containsExactly(start + 3, start + 4);
        }
    }

    @Test
    void aThousandTodosAndASingleWriteAtTheSameTimeLeaveNoGapAndNoInterleaving() throws Exception {
        User user = newUser();
        long list = createList(user, "Thousand");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            CompletableFuture.allOf(IntStream.range(0, 1000)
                            .mapToObj(
                                    i -> CompletableFuture.runAsync(() -> createTodo(user, list, "todo " + i), threads))
                            .toArray(CompletableFuture[]::new))
                    .join();
            long before = as(user).get("/lists/" + list).jsonPath().getLong("version");
            long single = as(user).get("/lists/" + list + "/todos/?limit=1")
                    .jsonPath()
                    .getLong("[0].id");

            CompletableFuture<Integer> bulk = CompletableFuture.supplyAsync(
                    () -> as(user).body("{\"finished\": true}")
                            .patch("/lists/" + list + "/todos/")
                            .statusCode(),
                    threads);
            int renamed = as(user).body(named("renamed meanwhile"))
                    .patch("/todos/" + single)
                    .statusCode();
            assertThat(bulk.join()).isEqualTo(204);
            assertThat(renamed).isEqualTo(204);

            List<Long> versions = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (long after : new long[] {before, before + 1000}) {
                JsonPath page = as(user).get("/lists/" + list + "/changes?after=" + after + "&limit=1000")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath();
                versions.addAll(page.getList("version", Long.class));
                names.addAll(page.getList("data.name", String.class));
            }
            assertThat(versions)
                    .containsExactlyElementsOf(LongStream.rangeClosed(before + 1, before + 1001)
                            .boxed()
                            .toList());
            int renameAt = names.indexOf("renamed meanwhile");
            assertThat(renameAt)
                    .as("the single write comes before or after the whole bulk change")
                    .isIn(0, 1000);
            assertThat(as(user).get("/lists/" + list + "/todos/").jsonPath().getList("finished", Boolean.class))
                    .hasSize(1000)
                    .containsOnly(true);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void badBodiesAndOutsidersChangeNothing() {
        User owner = newUser();
        User outsider = newUser();
        long list = createList(owner, "Guarded");
        createTodo(owner, list, "stays");
        for (String body : new String[] {"{}", "{\"finished\": \"maybe\"}", "{\"finished\": 1}"}) {
            as(owner).body(body).patch("/lists/" + list + "/todos/").then().statusCode(422);
        }
        as(outsider)
                .body("{\"finished\": true}")
                .patch("/lists/" + list + "/todos/")
                .then()
                .statusCode(404);
        as(outsider).delete("/lists/" + list + "/todos/?finished=true").then().statusCode(404);
        assertThat(as(owner).get("/lists/" + list + "/todos/").jsonPath().getList("finished", Boolean.class))
                .containsExactly(false);
        assertThat(as(owner).get("/lists/" + list).jsonPath().getLong("version"))
                .isEqualTo(2);
    }
}
