package io.livetodo.list;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.changes;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * SPEC §9: a list's viewers read it and write nothing, on every path that writes (one rule,
 * lock_to_write); roles change as member.updated; a list is passed on to a member.
 */
@QuarkusTest
class ViewerTest {

    @Test
    void aViewerReadsTheListAndEveryWriteToItsTodosIsRefusedChangingNothing() throws Exception {
        User owner = newUser();
        User viewer = newUser();
        long list = createList(owner, "Read me");
        long milk = createTodo(owner, list, "Milk");
        createTodo(owner, list, "Eggs");
        as(owner)
                .body("{\"role\": \"viewer\"}")
                .put("/lists/" + list + "/members/" + viewer.name())
                .then()
                .statusCode(204);
        long version = version(owner, list);

        as(viewer).get("/lists/" + list).then().statusCode(200).body("role", equalTo("viewer"));
        as(viewer).get("/lists/" + list + "/todos/").then().statusCode(200);
        as(viewer).get("/lists/" + list + "/changes").then().statusCode(200);
        as(viewer).get("/todos/" + milk).then().statusCode(200);

        List<Function<io.restassured.specification.RequestSpecification, Response>> writes = List.of(
                request -> request.body("{\"name\": \"Bread\"}").post("/lists/" + list + "/todos/"),
                request -> request.header("Idempotency-Key", "viewer-add-" + list)
                        .body("{\"name\": \"Bread\"}")
                        .post("/lists/" + list + "/todos/"),
                request -> request.body("{\"finished\": true}").patch("/todos/" + milk),
                request -> request.body("{\"notes\": \"oat\"}").patch("/todos/" + milk),
                request -> request.delete("/todos/" + milk),
                request -> request.body("{\"after\": null}").post("/todos/" + milk + "/move"),
                request -> request.body("{\"finished\": true}").patch("/lists/" + list + "/todos/"),
                request -> request.delete("/lists/" + list + "/todos/?finished=true"));
        for (var write : writes) {
            write.apply(as(viewer))
                    .then()
                    .statusCode(403)
                    .body(
                            "error",
                            equalTo("You can view this list but not change it: ask its owner to make you a member."));
        }
        // The same key again gets the same answer, still nothing written.
        writes.get(1).apply(as(viewer)).then().statusCode(403);
        assertThat(version(owner, list)).isEqualTo(version);
        as(owner).get("/todos/" + milk).then().body("finished", equalTo(false)).body("notes", equalTo(""));

        as(owner)
                .body("{\"assignee\": \"" + viewer.name() + "\"}")
                .patch("/todos/" + milk)
                .then()
                .statusCode(422)
                .body(
                        "details.find { it.field == 'assignee' }.message",
                        equalTo(viewer.name() + " is not a member of the list who may edit it"));
        User member = newUser();
        share(owner, list, member);
        as(viewer)
                .get("/lists/" + list + "/members")
                .then()
                .body("username", contains(owner.name(), member.name(), viewer.name()))
                .body("role", contains("owner", "member", "viewer"));
        as(viewer).delete("/lists/" + list + "/members/" + viewer.name()).then().statusCode(204);
        as(viewer).get("/lists/" + list).then().statusCode(404);
    }

    @Test
    void aMemberMadeAViewerLosesTheirTodosFirstAndCanBeMadeAMemberAgain() throws Exception {
        User owner = newUser();
        User ann = newUser();
        long list = createList(owner, "Roles");
        share(owner, list, ann);
        long task = createTodo(owner, list, "Task");
        as(owner)
                .body("{\"assignee\": \"" + ann.name() + "\"}")
                .patch("/todos/" + task)
                .then()
                .statusCode(204);
        long before = version(owner, list);

        as(owner)
                .body("{\"role\": \"viewer\"}")
                .put("/lists/" + list + "/members/" + ann.name())
                .then()
                .statusCode(204);
        as(owner)
                .body("{\"role\": \"viewer\"}")
                .put("/lists/" + list + "/members/" + ann.name())
                .then()
                .statusCode(204);
        as(owner).get("/todos/" + task).then().body("assignee", nullValue());
        as(ann).body("{\"name\": \"Mine\"}")
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(403);
        as(owner)
                .body("{\"role\": \"member\"}")
                .put("/lists/" + list + "/members/" + ann.name())
                .then()
                .statusCode(204);
        createTodo(ann, list, "Mine");

        List<JsonNode> changes = changes(owner, "/lists/" + list + "/changes?after=" + before);
        assertThat(changes.stream().map(change -> change.path("type").asText()))
                .containsExactly("todo.updated", "member.updated", "member.updated", "todo.created");
        assertThat(changes.get(1).path("data").path("role").asText()).isEqualTo("viewer");
        assertThat(changes.get(2).path("data").path("role").asText()).isEqualTo("member");
        as(owner)
                .get("/lists/" + list + "/members")
                .then()
                .body("find { it.username == '" + ann.name() + "' }.role", equalTo("member"));

        as(owner)
                .body("{\"role\": \"owner\"}")
                .put("/lists/" + list + "/members/" + ann.name())
                .then()
                .statusCode(422);
        as(owner)
                .body("{\"role\": \"viewer\"}")
                .put("/lists/" + list + "/members/" + owner.name())
                .then()
                .statusCode(409);
        as(ann).body("{\"role\": \"viewer\"}")
                .put("/lists/" + list + "/members/" + owner.name())
                .then()
                .statusCode(403);

        // As the tutorial's clients share, curl among them: no body, no Content-Type.
        User bare = newUser();
        HttpResponse<String> shared = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/lists/" + list + "/members/" + bare.name()))
                                .header("Authorization", "Bearer " + owner.token())
                                .PUT(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(204);
        as(bare).get("/lists/" + list).then().body("role", equalTo("member"));
        as(owner)
                .body("{not json")
                .put("/lists/" + list + "/members/" + bare.name())
                .then()
                .statusCode(400);
    }

    @Test
    void theOwnerPassesAListOnToAMemberAndBecomesAMember() throws Exception {
        User owner = newUser();
        User heir = newUser();
        User stranger = newUser();
        long list = createList(owner, "Heirloom");
        share(owner, list, heir);
        long before = version(owner, list);

        as(heir).body("{\"username\": \"" + heir.name() + "\"}")
                .post("/lists/" + list + "/owner")
                .then()
                .statusCode(403);
        as(owner)
                .body("{\"username\": \"" + stranger.name() + "\"}")
                .post("/lists/" + list + "/owner")
                .then()
                .statusCode(422)
                .body(
                        "details.find { it.field == 'username' }.message",
                        equalTo(stranger.name() + " is not a member of the list"));
        as(owner).body("{}").post("/lists/" + list + "/owner").then().statusCode(422);
        as(owner)
                .body("{\"username\": \"" + heir.name() + "\"}")
                .post("/lists/" + list + "/owner")
                .then()
                .statusCode(200)
                .body("role", equalTo("member"));

        as(heir).get("/lists/" + list).then().body("role", equalTo("owner"));
        List<JsonNode> changes = changes(heir, "/lists/" + list + "/changes?after=" + before);
        assertThat(changes.stream()
                        .map(change -> change.path("data").path("username").asText() + " "
                                + change.path("data").path("role").asText()))
                .containsExactly(heir.name() + " owner", owner.name() + " member");
        as(owner)
                .body("{\"name\": \"Mine again\"}")
                .patch("/lists/" + list)
                .then()
                .statusCode(403);
        as(heir).body("{\"name\": \"Mine now\"}").patch("/lists/" + list).then().statusCode(200);
        createTodo(owner, list, "Still a member");

        long personal = as(owner)
                .get("/lists")
                .then()
                .extract()
                .<Number>path("find { it.name == 'Todos' && it.role == 'owner' }.id")
                .longValue();
        share(owner, personal, heir);
        as(owner)
                .body("{\"username\": \"" + heir.name() + "\"}")
                .post("/lists/" + personal + "/owner")
                .then()
                .statusCode(409);
    }

    private static long version(User user, long list) {
        return as(user).get("/lists/" + list)
                .then()
                .extract()
                .<Number>path("version")
                .longValue();
    }
}
