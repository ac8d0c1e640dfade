package io.livetodo.todo;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.livetodo.common.CurrentUser;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §9, export: the user and every list they belong to, every field, in list order, streamed. */
@QuarkusTest
class ExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource database;

    @Test
    void theExportHasTheUserAndEachOfTheirListsWithItsRolesMembersAndEveryFieldOfItsTodosInListOrder()
            throws Exception {
        User owner = newUser();
        User bob = newUser();
        User cleo = newUser();
        long plans = createList(owner, "Plans");
        share(owner, plans, bob);
        as(owner)
                .body("{\"role\": \"viewer\"}")
                .put("/lists/" + plans + "/members/" + cleo.name())
                .then()
                .statusCode(204);
        long call = todo(
                owner,
                plans,
                "{\"name\": \"Call\", \"notes\": \"Ask about\\nthe roof\", \"assignee\": \"" + bob.name()
                        + "\", \"due\": {\"date\": \"2026-12-24\", \"time\": \"18:30\", \"time_zone\": \"Europe/Paris\"}}");
        todo(owner, plans, "{\"name\": \"Bake\", \"due\": {\"date\": \"2026-12-23\"}}");
        long sweep = todo(owner, plans, "{\"name\": \"Sweep\", \"finished\": true}");
        as(owner)
                .body("{\"after\": null}")
                .post("/todos/" + sweep + "/move")
                .then()
                .statusCode(200);
        long bobs = createList(bob, "Bob's");
        share(bob, bobs, owner);
        createTodo(bob, bobs, "Fix the gate");

        JsonNode export = export(owner);

        assertThat(export.path("livetodo_export").asInt()).isEqualTo(1);
        assertThat(export.path("user").path("username").asText()).isEqualTo(owner.name());
        assertThat(export.path("user").path("time_zone").asText()).isEqualTo("UTC");
        assertThat(names(export.path("lists"))).containsExactly("Todos", "Plans", "Bob's");

        JsonNode list = export.path("lists").get(1);
        assertThat(list.path("id").asLong()).isEqualTo(plans);
        assertThat(list.path("role").asText()).isEqualTo("owner");
        assertThat(list.path("owner").asText()).isEqualTo(owner.name());
        assertThat(list.path("members"))
                .extracting(member -> member.path("username").asText() + " "
                        + member.path("role").asText())
                .containsExactly(owner.name() + " owner", bob.name() + " member", cleo.name() + " viewer");
        assertThat(names(list.path("todos"))).as("list order, after the move").containsExactly("Sweep", "Call", "Bake");

        JsonNode todo = list.path("todos").get(1);
        assertThat(iterable(todo.fieldNames()))
                .containsExactly(
                        "id",
                        "list_id",
                        "name",
                        "finished",
                        "created_by",
                        "updated_by",
                        "created_at",
                        "updated_at",
                        "version",
                        "position",
                        "due",
                        "assignee",
                        "notes");
        assertThat(todo.path("id").asLong()).isEqualTo(call);
        assertThat(todo.path("list_id").asLong()).isEqualTo(plans);
        assertThat(todo.path("created_by").asText()).isEqualTo(owner.name());
        assertThat(todo.path("assignee").asText()).isEqualTo(bob.name());
        assertThat(todo.path("notes").asText()).isEqualTo("Ask about\nthe roof");
        assertThat(todo.path("due").path("at").asText()).isEqualTo("2026-12-24T17:30:00Z");
        assertThat(todo.path("due").path("time_zone").asText()).isEqualTo("Europe/Paris");
        assertThat(list.path("todos").get(0).path("finished").asBoolean()).isTrue();

        JsonNode shared = export.path("lists").get(2);
        assertThat(shared.path("role").asText()).isEqualTo("member");
        assertThat(shared.path("owner").asText()).isEqualTo(bob.name());
        assertThat(names(shared.path("todos"))).containsExactly("Fix the gate");
    }

    @Test
    void theExportIsStreamedAsItIsReadNotBuiltWhole() throws Exception {
        User user = newUser();
        long list = createList(user, "Long");
        fill(list, user, 3000);

        Response response =
                as(user).get("/user/export").then().statusCode(200).extract().response();

        assertThat(response.contentType()).startsWith("application/json");
        assertThat(response.header("Content-Length"))
                .as("no length known before the end")
                .isNull();
        assertThat(response.header("Transfer-Encoding")).isEqualTo("chunked");
        JsonNode todos = JSON.readTree(response.asString()).path("lists").get(1).path("todos");
        assertThat(todos.size()).isEqualTo(3000);
        assertThat(todos.get(2999).path("name").asText()).isEqualTo("filler 3000");
    }

    @Inject
    Exports exports;

    @Test
    void onlyAFewExportsRunAtOnceEachHoldingAConnectionAndTheNextIsToldToComeBack() {
        User user = newUser();
        CurrentUser me = new CurrentUser(as(user).get("/user").jsonPath().getLong("id"), user.name(), 0, 0);
        List<Multi<Buffer>> running = new ArrayList<>();
        for (int i = 0; i < Exports.AT_ONCE; i++) {
            running.add(exports.of(me));
        }
        as(user).get("/user/export")
                .then()
                .statusCode(503)
                .header("Retry-After", "2")
                .body("error", equalTo("Too many exports are running; try again in a moment."));
        running.forEach(document -> document.collect().asList().await().atMost(Duration.ofSeconds(10)));
        as(user).get("/user/export").then().statusCode(200);
    }

    @Test
    void aUserWithNothingButTheirPersonalListExportsIt() throws Exception {
        User user = newUser();
        JsonNode export = export(user);
        assertThat(names(export.path("lists"))).containsExactly("Todos");
        assertThat(export.path("lists").get(0).path("todos").size()).isZero();
    }

    static JsonNode export(User user) throws Exception {
        return JSON.readTree(
                as(user).get("/user/export").then().statusCode(200).extract().asString());
    }

    static long todo(User user, long list, String body) {
        String location = as(user).body(body)
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private static <T> List<T> iterable(Iterator<T> items) {
        List<T> all = new ArrayList<>();
        items.forEachRemaining(all::add);
        return all;
    }

    /** Many todos at once, in one statement, in name order: "filler 1" to "filler {count}". */
    private void fill(long list, User user, int count) throws Exception {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into todo (list_id, name, created_by, updated_by)
                        select ?, 'filler ' || n, ?, ? from generate_series(1, ?) n order by n
                        """)) {
            insert.setLong(1, list);
            insert.setString(2, user.name());
            insert.setString(3, user.name());
            insert.setInt(4, count);
            insert.executeUpdate();
        }
    }
}
