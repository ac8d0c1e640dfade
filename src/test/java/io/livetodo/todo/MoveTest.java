package io.livetodo.todo;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.changes;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** SPEC §8, moving: the server's order, what a move answers and refuses, and that every client converges to it. */
@QuarkusTest
class MoveTest {

    @Test
    void aTodoMovesFirstOrRightAfterAnotherAndTheListIsReadInThatOrder() {
        User user = newUser();
        long a = createTodo(user, "a");
        long b = createTodo(user, "b");
        long c = createTodo(user, "c");
        long d = createTodo(user, "d");
        assertThat(ids(user, "/todos/"))
                .as("a list never reordered, in id order")
                .containsExactly(a, b, c, d);

        as(user).body("{\"after\": null}")
                .post("/todos/" + d + "/move")
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("id", equalTo((int) d))
                .body("version", equalTo(1));
        as(user).body("{\"after\": " + c + "}")
                .post("/todos/" + a + "/move")
                .then()
                .statusCode(200);
        assertThat(ids(user, "/todos/")).containsExactly(d, b, c, a);
        assertThat(ids(user, "/todos/?after=" + b + "&limit=2"))
                .as("paging in list order")
                .containsExactly(c, a);
        assertThat(ids(user, "/todos/?after=" + d + "&limit=1")).containsExactly(b);

        long e = createTodo(user, "e");
        assertThat(ids(user, "/todos/")).as("a new todo goes last").containsExactly(d, b, c, a, e);
    }

    @Test
    void aMoveIsOneChangeWithTheTodosNewPlaceAndAMoveToWhereItIsChangesNothing() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        long a = createTodo(user, "a");
        long b = createTodo(user, "b");
        String position = as(user).body("{\"after\": " + b + "}")
                .post("/todos/" + a + "/move")
                .then()
                .statusCode(200)
                .extract()
                .path("position");
        long version = listVersion(user, list);
        as(user).body("{\"after\": " + b + "}")
                .post("/todos/" + a + "/move")
                .then()
                .statusCode(200);
        assertThat(listVersion(user, list))
                .as("no change for a todo already there")
                .isEqualTo(version);

        JsonNode last = changes(user, "/lists/" + list + "/changes?limit=1000")
                .get(changes(user, "/lists/" + list + "/changes?limit=1000").size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("todo.moved");
        assertThat(last.path("version").asLong()).isEqualTo(version);
        assertThat(last.path("data").path("id").asLong()).isEqualTo(a);
        assertThat(last.path("data").path("position").asText()).isEqualTo(position);
        assertThat(as(user).get("/todos/" + a).path("position").toString()).isEqualTo(position);
    }

    @Test
    void aMoveThatCannotBeDoneIsRefusedAndChangesNothing() {
        User user = newUser();
        User stranger = newUser();
        long list = personalListId(user);
        long a = createTodo(user, "a");
        long b = createTodo(user, "b");
        long elsewhere = createTodo(user, createList(user, "Elsewhere"), "x");
        long version = listVersion(user, list);

        as(user).body("{\"after\": " + a + "}")
                .post("/todos/" + a + "/move")
                .then()
                .statusCode(422);
        as(user).body("{\"after\": " + elsewhere + "}")
                .post("/todos/" + a + "/move")
                .then()
                .statusCode(422);
        as(user).body("{\"after\": 999999999}")
                .post("/todos/" + a + "/move")
                .then()
                .statusCode(422);
        as(user).body("{}").post("/todos/" + a + "/move").then().statusCode(422);
        as(user).body("{\"after\": \"b\"}").post("/todos/" + a + "/move").then().statusCode(422);
        as(user).body("{\"after\": " + b + "}")
                .post("/todos/999999999/move")
                .then()
                .statusCode(404);
        as(stranger)
                .body("{\"after\": null}")
                .post("/todos/" + b + "/move")
                .then()
                .statusCode(404);
        as(user).header("If-Match", "\"7\"")
                .body("{\"after\": " + b + "}")
                .post("/todos/" + a + "/move")
                .then()
                .statusCode(412);

        assertThat(listVersion(user, list)).isEqualTo(version);
        assertThat(ids(user, "/todos/")).containsExactly(a, b);
    }

    @Test
    void movesIntoOneGapUntilItIsUsedUpRenumberTheListAsOneChange() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        List<Long> todos = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            todos.add(createTodo(user, "t" + i));
        }
        long first = todos.get(0);
        List<Long> expected = new ArrayList<>(todos);
        for (int move = 0; move < 400; move++) {
            long last = expected.remove(expected.size() - 1);
            expected.add(1, last);
            as(user).body("{\"after\": " + first + "}")
                    .post("/todos/" + last + "/move")
                    .then()
                    .statusCode(200);
        }
        assertThat(ids(user, "/todos/")).isEqualTo(expected);
        List<String> positions = as(user).get("/todos/").jsonPath().getList("position");
        assertThat(positions).allSatisfy(key -> assertThat(key.length()).isLessThanOrEqualTo(64));
        List<JsonNode> reordered = changes(user, "/lists/" + list + "/changes?limit=1000").stream()
                .filter(change -> change.path("type").asText().equals("list.reordered"))
                .toList();
        assertThat(reordered).isNotEmpty();
        assertThat(reordered.get(0).path("data").path("positions").size()).isEqualTo(5);
    }

    @Test
    void concurrentMovesLeaveTheOrderThatReplayingTheChangesGives() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        List<Long> todos = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            todos.add(createTodo(user, "m" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> movers = new ArrayList<>();
            for (int mover = 0; mover < 4; mover++) {
                Random random = new Random(mover);
                movers.add(pool.submit(() -> {
                    for (int move = 0; move < 25; move++) {
                        long todo = todos.get(random.nextInt(todos.size()));
                        long after = todos.get(random.nextInt(todos.size()));
                        String body = after == todo || random.nextInt(5) == 0 ? "null" : Long.toString(after);
                        as(user).body("{\"after\": " + body + "}")
                                .post("/todos/" + todo + "/move")
                                .then()
                                .statusCode(200);
                    }
                }));
            }
            for (Future<?> mover : movers) {
                mover.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Long, String> replayed = new HashMap<>();
        for (JsonNode change : changes(user, "/lists/" + list + "/changes?limit=1000")) {
            JsonNode data = change.path("data");
            switch (change.path("type").asText()) {
                case "todo.created", "todo.moved" ->
                    replayed.put(data.path("id").asLong(), data.path("position").asText());
                case "list.reordered" ->
                    data.path("positions")
                            .fields()
                            .forEachRemaining(entry -> replayed.put(
                                    Long.parseLong(entry.getKey()),
                                    entry.getValue().asText()));
                default -> {}
            }
        }
        List<Long> order = replayed.keySet().stream()
                .sorted(Comparator.comparing((Long id) -> replayed.get(id)).thenComparing(id -> id))
                .toList();
        assertThat(ids(user, "/todos/")).isEqualTo(order);
    }

    private static List<Long> ids(User user, String path) {
        return as(user).get(path).then().statusCode(200).extract().jsonPath().getList("id", Long.class);
    }

    private static long listVersion(User user, long list) {
        return as(user).get("/lists/" + list)
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("version")
                .longValue();
    }
}
