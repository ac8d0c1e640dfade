package io.livetodo.todo;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TodoTest {

    @Test
    void createAnswers303ToTheNewTodo() {
        User user = newUser();
        Response created = as(user).body("{\"name\": \"Buy milk\"}").post("/todos/");
        created.then().statusCode(303);
        String location = created.header("Location");
        assertThat(location).matches("/todos/\\d+");

        as(user).get(location)
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .header("ETag", "\"1\"")
                .body("name", equalTo("Buy milk"))
                .body("finished", equalTo(false))
                .body("created_by", equalTo(user.name()))
                .body("updated_by", equalTo(user.name()))
                .body("created_at", notNullValue())
                .body("updated_at", notNullValue())
                .body("list_id", notNullValue())
                .body("version", equalTo(1));
    }

    @Test
    void finishedAcceptsBooleansAndTheTutorialsStrings() {
        User user = newUser();
        long a = idOf(as(user).body("{\"name\": \"a\", \"finished\": true}").post("/todos/"));
        long b = idOf(as(user).body("{\"name\": \"b\", \"finished\": \"true\"}").post("/todos/"));
        long c =
                idOf(as(user).body("{\"name\": \"c\", \"finished\": \"false\"}").post("/todos/"));
        as(user).get("/todos/" + a).then().body("finished", equalTo(true));
        as(user).get("/todos/" + b).then().body("finished", equalTo(true));
        as(user).get("/todos/" + c).then().body("finished", equalTo(false));
        for (String finished : new String[] {"\"yes\"", "\"TRUE\"", "\" true\"", "1", "0", "[]", "\"\""}) {
            as(user).body("{\"name\": \"d\", \"finished\": " + finished + "}")
                    .post("/todos/")
                    .then()
                    .statusCode(422)
                    .body("details.field", hasItem("finished"));
        }
    }

    @Test
    void createRefusesBadNamesAndChangesNothing() {
        User user = newUser();
        for (String body : new String[] {
            "{}",
            "{\"name\": \"\"}",
            "{\"name\": 42}",
            "{\"name\": null}",
            "{\"name\": \"a\\u0000b\"}",
            "{\"name\": \"" + "n".repeat(256) + "\"}"
        }) {
            as(user).body(body)
                    .post("/todos/")
                    .then()
                    .statusCode(422)
                    .contentType(ContentType.JSON)
                    .body("error", notNullValue())
                    .body("details.field", hasItem("name"));
        }
        as(user).body("{\"name\": ").post("/todos/").then().statusCode(400).body("error", notNullValue());
        as(user).contentType(ContentType.TEXT)
                .body("name=x")
                .post("/todos/")
                .then()
                .statusCode(415);
        as(user).get("/todos/").then().body("", hasSize(0));
        as(user).body(named("n".repeat(255))).post("/todos/").then().statusCode(303);
    }

    @Test
    void namesAreUniqueWithinAListOnly() {
        User user = newUser();
        createTodo(user, "Same");
        as(user).body(named("Same")).post("/todos/").then().statusCode(409).body("error", notNullValue());
        as(user).body(named("same")).post("/todos/").then().statusCode(303);
        long other = createList(user, "Other");
        createTodo(user, other, "Same");
    }

    @Test
    void listingIsOrderedByIdWithOrWithoutTheSlash() {
        User user = newUser();
        long first = createTodo(user, "one");
        long second = createTodo(user, "two");
        long third = createTodo(user, "three");
        as(user).get("/todos/").then().statusCode(200).body("id", contains((int) first, (int) second, (int) third));
        as(user).get("/todos").then().statusCode(200).body("id", contains((int) first, (int) second, (int) third));
        as(user).body(named("four")).post("/todos").then().statusCode(303);
    }

    @Test
    void patchChangesNameAndFinishedAndAnswersTheNewETag() {
        User user = newUser();
        long id = createTodo(user, "draft");
        as(user).body("{\"finished\": true}")
                .patch("/todos/" + id)
                .then()
                .statusCode(204)
                .header("ETag", "\"2\"");
        as(user).body("{\"name\": \"final\", \"finished\": \"false\"}")
                .patch("/todos/" + id)
                .then()
                .statusCode(204)
                .header("ETag", "\"3\"");
        as(user).get("/todos/" + id)
                .then()
                .header("ETag", "\"3\"")
                .body("name", equalTo("final"))
                .body("finished", equalTo(false))
                .body("version", equalTo(3));
    }

    @Test
    void patchRefusesBadInputAndChangesNothing() {
        User user = newUser();
        long id = createTodo(user, "keep");
        createTodo(user, "taken");
        as(user).body("{}").patch("/todos/" + id).then().statusCode(422).body("error", notNullValue());
        as(user).body("{\"finished\": \"maybe\"}").patch("/todos/" + id).then().statusCode(422);
        as(user).body("{\"name\": 3}").patch("/todos/" + id).then().statusCode(422);
        as(user).body("{\"name\": \"\"}").patch("/todos/" + id).then().statusCode(422);
        as(user).body("{\"name\": ").patch("/todos/" + id).then().statusCode(400);
        as(user).body(named("taken")).patch("/todos/" + id).then().statusCode(409);
        as(user).body("{\"finished\": true}")
                .patch("/todos/999999999")
                .then()
                .statusCode(404)
                .body("error", equalTo("Todo not found"));
        as(user).get("/todos/" + id).then().body("name", equalTo("keep")).body("version", equalTo(1));
    }

    @Test
    void ifMatchMustNameTheCurrentVersion() {
        User user = newUser();
        long id = createTodo(user, "guarded");
        as(user).header("If-Match", "\"1\"")
                .body("{\"finished\": true}")
                .patch("/todos/" + id)
                .then()
                .statusCode(204);
        as(user).header("If-Match", "\"1\"")
                .body("{\"finished\": false}")
                .patch("/todos/" + id)
                .then()
                .statusCode(412)
                .body("error", notNullValue());
        as(user).get("/todos/" + id).then().body("finished", equalTo(true)).body("version", equalTo(2));
        as(user).header("If-Match", "\"2\"")
                .body("{\"finished\": false}")
                .patch("/todos/" + id)
                .then()
                .statusCode(204);
    }

    @Test
    void deleteRemovesTheTodo() {
        User user = newUser();
        long id = createTodo(user, "bye");
        as(user).delete("/todos/" + id).then().statusCode(204);
        as(user).get("/todos/" + id).then().statusCode(404).body("error", equalTo("Todo not found"));
        as(user).delete("/todos/" + id).then().statusCode(404);
        as(user).get("/todos/").then().body("", hasSize(0));
    }

    @Test
    void pagesFollowLinkHeadersToTheEnd() {
        User user = newUser();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(createTodo(user, "item " + i));
        }
        List<Long> seen = new ArrayList<>();
        String next = "/todos/?limit=2";
        int pages = 0;
        while (next != null) {
            Response page = as(user).get(next);
            page.then().statusCode(200);
            seen.addAll(page.<List<Number>>path("id").stream()
                    .map(Number::longValue)
                    .toList());
            String link = page.header("Link");
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            pages++;
        }
        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(3);
        as(user).get("/todos/?limit=0").then().statusCode(400);
        as(user).get("/todos/?limit=1001").then().statusCode(400);
        as(user).get("/todos/?after=x").then().statusCode(400);
    }

    @Test
    void aListOfMoreThan1000TodosComesAPageAtATime() throws Exception {
        User user = newUser();
        long list = createList(user, "Big");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> created = new ArrayList<>();
            for (int i = 0; i < 1001; i++) {
                String name = "todo " + i;
                created.add(pool.submit(() -> createTodo(user, list, name)));
            }
            for (Future<Long> f : created) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        Response first = as(user).get("/lists/" + list + "/todos/");
        first.then().statusCode(200).body("", hasSize(1000));
        String link = first.header("Link");
        assertThat(link).contains("rel=\"next\"");
        String next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
        as(user).get(next).then().statusCode(200).body("", hasSize(1));
    }

    private static long idOf(Response created) {
        created.then().statusCode(303);
        String location = created.header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }
}
