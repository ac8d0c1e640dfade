package io.livetodo.todo;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.changes;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §8: a todo's due date, assignee and notes, through every answer and change, and what is refused. */
@QuarkusTest
class TodoDetailsTest {

    @Test
    void aTodoCarriesItsDueAssigneeAndNotesEverywhere() throws Exception {
        User owner = newUser();
        User bob = newUser();
        long list = createList(owner, "Plans");
        share(owner, list, bob);
        // With a key, the create runs in the request's transaction: the other of its two paths.
        String location = as(owner)
                .header("Idempotency-Key", "details-" + owner.name())
                .body(
                        "{\"name\": \"Call\", \"notes\": \"Ask about\\nthe roof\", \"assignee\": \"" + bob.name()
                                + "\", \"due\": {\"date\": \"2026-12-24\", \"time\": \"18:30\", \"time_zone\": \"Europe/Paris\"}}")
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");

        JsonPath todo = as(owner).get(location).then().statusCode(200).extract().jsonPath();
        assertThat(todo.getString("notes")).isEqualTo("Ask about\nthe roof");
        assertThat(todo.getString("assignee")).isEqualTo(bob.name());
        assertThat(todo.getMap("due"))
                .containsEntry("date", "2026-12-24")
                .containsEntry("time", "18:30")
                .containsEntry("time_zone", "Europe/Paris")
                .containsEntry("at", "2026-12-24T17:30:00Z");
        as(owner).get("/lists/" + list + "/todos/").then().body("notes", hasItem("Ask about\nthe roof"));

        JsonNode created = changes(owner, "/lists/" + list + "/changes?limit=1000").stream()
                .filter(change -> change.path("type").asText().equals("todo.created"))
                .findFirst()
                .orElseThrow();
        assertThat(created.path("data").path("assignee").asText()).isEqualTo(bob.name());
        assertThat(created.path("data").path("due").path("at").asText()).isEqualTo("2026-12-24T17:30:00Z");
        assertThat(created.path("data").path("notes").asText()).isEqualTo("Ask about\nthe roof");
    }

    @Test
    void aPatchLeavesAnAbsentFieldAsItIsAndClearsANullOne() {
        User owner = newUser();
        long list = createList(owner, "Patches");
        String todo = as(owner)
                .body("{\"name\": \"Bake\", \"notes\": \"flour\", \"assignee\": \"" + owner.name()
                        + "\", \"due\": {\"date\": \"2026-12-24\"}}")
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");

        as(owner).body("{\"finished\": true}").patch(todo).then().statusCode(204);
        as(owner)
                .get(todo)
                .then()
                .body("notes", equalTo("flour"))
                .body("assignee", equalTo(owner.name()))
                .body("due.date", equalTo("2026-12-24"))
                .body("due.at", nullValue());

        as(owner)
                .body("{\"notes\": null, \"assignee\": null, \"due\": null}")
                .patch(todo)
                .then()
                .statusCode(204);
        as(owner)
                .get(todo)
                .then()
                .body("notes", equalTo(""))
                .body("assignee", nullValue())
                .body("due", nullValue())
                .body("finished", equalTo(true));
    }

    @Test
    void badDetailsAre422NamingTheFieldAndChangeNothing() {
        User owner = newUser();
        User stranger = newUser();
        long list = createList(owner, "Refusals");
        String todo = as(owner)
                .body("{\"name\": \"Keep\"}")
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        long version = as(owner)
                .get("/lists/" + list)
                .then()
                .extract()
                .<Number>path("version")
                .longValue();

        String[][] refused = {
            {"{\"name\": \"x\", \"assignee\": \"" + stranger.name() + "\"}", "assignee"},
            {"{\"name\": \"x\", \"due\": {\"date\": \"2026-02-30\"}}", "due"},
            {"{\"name\": \"x\", \"due\": {\"time\": \"10:00\", \"time_zone\": \"UTC\"}}", "due"},
            {
                "{\"name\": \"x\", \"due\": {\"date\": \"2026-12-24\", \"time\": \"10:00\", \"time_zone\": \"Nowhere/Land\"}}",
                "due"
            },
            {"{\"name\": \"x\", \"notes\": \"" + "n".repeat(10_001) + "\"}", "notes"},
        };
        for (String[] create : refused) {
            as(owner)
                    .body(create[0])
                    .post("/lists/" + list + "/todos/")
                    .then()
                    .statusCode(422)
                    .body("details.field", hasItem(create[1]));
            as(owner)
                    .body(create[0].replace("\"name\": \"x\", ", ""))
                    .patch(todo)
                    .then()
                    .statusCode(422)
                    .body("details.field", hasItem(create[1]));
        }
        as(owner)
                .body("{\"assignee\": 7}")
                .patch(todo)
                .then()
                .statusCode(422)
                .body("details.field", hasItem("assignee"));
        as(owner).body("{\"notes\": false}").patch(todo).then().statusCode(422).body("details.field", hasItem("notes"));

        assertThat(as(owner)
                        .get("/lists/" + list)
                        .then()
                        .extract()
                        .<Number>path("version")
                        .longValue())
                .isEqualTo(version);
        as(owner)
                .get(todo)
                .then()
                .body("notes", equalTo(""))
                .body("assignee", nullValue())
                .body("due", nullValue());
        assertThat(as(owner).get("/lists/" + list + "/todos/").jsonPath().getList("id"))
                .hasSize(1);
    }

    @Test
    void aMemberWhoLeavesIsNoLongerAssignedAnythingEachTodoAChangeBeforeTheirRemoval() throws Exception {
        User owner = newUser();
        User bob = newUser();
        long list = createList(owner, "Chores");
        share(owner, list, bob);
        for (String name : new String[] {"Dishes", "Laundry"}) {
            as(owner)
                    .body("{\"name\": \"" + name + "\", \"assignee\": \"" + bob.name() + "\"}")
                    .post("/lists/" + list + "/todos/")
                    .then()
                    .statusCode(303);
        }
        as(owner)
                .body("{\"name\": \"Bins\", \"assignee\": \"" + owner.name() + "\"}")
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303);

        as(owner).delete("/lists/" + list + "/members/" + bob.name()).then().statusCode(204);

        assertThat(as(owner).get("/lists/" + list + "/todos/").jsonPath().getList("assignee"))
                .containsExactly(null, null, owner.name());
        List<String> tail = new ArrayList<>();
        List<JsonNode> history = changes(owner, "/lists/" + list + "/changes?limit=1000");
        for (JsonNode change : history.subList(history.size() - 3, history.size())) {
            tail.add(change.path("type").asText() + " "
                    + change.path("data").path("name").asText());
        }
        assertThat(tail).containsExactly("todo.updated Dishes", "todo.updated Laundry", "member.removed ");
        as(bob).body("{\"assignee\": \"" + bob.name() + "\"}")
                .patch("/todos/"
                        + as(owner).get("/lists/" + list + "/todos/").jsonPath().getLong("[0].id"))
                .then()
                .statusCode(404);
    }
}
