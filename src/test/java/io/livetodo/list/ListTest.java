package io.livetodo.list;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.Api.share;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ListTest {

    @Test
    void createAnswers201WithLocationAndTheList() {
        User owner = newUser();
        int id = as(owner)
                .body(named("Groceries"))
                .post("/lists")
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("name", equalTo("Groceries"))
                .body("owner", equalTo(owner.name()))
                .body("role", equalTo("owner"))
                .body("version", equalTo(1))
                .body("created_at", notNullValue())
                .extract()
                .path("id");
        as(owner).body(named("Groceries")).post("/lists").then().statusCode(201);
        as(owner).get("/lists/" + id).then().statusCode(200).body("id", equalTo(id));
        as(owner)
                .get("/lists")
                .then()
                .statusCode(200)
                .body("name", hasItem("Groceries"))
                .body("", hasSize(3));
    }

    @Test
    void createRefusesInvalidNames() {
        User owner = newUser();
        for (String body :
                new String[] {"{}", named(""), named("   "), named("n".repeat(256)), "{\"name\": 7}", named("a\\u0000b")
                }) {
            as(owner).body(body).post("/lists").then().statusCode(422).body("details.field", hasItem("name"));
        }
        as(owner).body("{").post("/lists").then().statusCode(400);
    }

    @Test
    void onlyTheOwnerRenamesAndEachRenameIsAVersion() {
        User owner = newUser();
        User member = newUser();
        User stranger = newUser();
        long id = createList(owner, "Old");
        share(owner, id, member);

        as(owner)
                .body(named("New"))
                .patch("/lists/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("New"))
                .body("version", equalTo(3));
        as(member)
                .body(named("Mine"))
                .patch("/lists/" + id)
                .then()
                .statusCode(403)
                .body("error", notNullValue());
        as(stranger).body(named("Mine")).patch("/lists/" + id).then().statusCode(404);
        as(owner).body(named("")).patch("/lists/" + id).then().statusCode(422);
        as(member)
                .get("/lists/" + id)
                .then()
                .statusCode(200)
                .body("name", equalTo("New"))
                .body("role", equalTo("member"));
    }

    @Test
    void onlyTheOwnerDeletesAListAndItsTodosGoWithIt() {
        User owner = newUser();
        User member = newUser();
        long id = createList(owner, "Doomed");
        long todo = createTodo(owner, id, "gone soon");
        share(owner, id, member);

        as(member).delete("/lists/" + id).then().statusCode(403);
        as(owner).delete("/lists/" + id).then().statusCode(204);
        as(owner).get("/lists/" + id).then().statusCode(404);
        as(member).get("/lists/" + id).then().statusCode(404);
        as(owner).get("/todos/" + todo).then().statusCode(404);
        as(owner).delete("/lists/" + id).then().statusCode(404);
    }

    @Test
    void thePersonalListCannotBeDeleted() {
        User owner = newUser();
        as(owner)
                .delete("/lists/" + personalListId(owner))
                .then()
                .statusCode(409)
                .body("error", notNullValue());
    }

    @Test
    void sharingMakesAMemberAndOnlyTheOwnerShares() {
        User owner = newUser();
        User member = newUser();
        User third = newUser();
        long id = createList(owner, "Shared");

        as(owner).put("/lists/" + id + "/members/" + member.name()).then().statusCode(204);
        as(owner).put("/lists/" + id + "/members/" + member.name()).then().statusCode(204);
        as(owner)
                .get("/lists/" + id + "/members")
                .then()
                .statusCode(200)
                .body("username", containsInAnyOrder(owner.name(), member.name()))
                .body("find { it.username == '" + owner.name() + "' }.role", equalTo("owner"))
                .body("find { it.username == '" + member.name() + "' }.role", equalTo("member"));
        as(member).get("/lists").then().body("id", hasItem((int) id));

        as(member).put("/lists/" + id + "/members/" + third.name()).then().statusCode(403);
        as(third).put("/lists/" + id + "/members/" + third.name()).then().statusCode(404);
        as(owner)
                .put("/lists/" + id + "/members/no_such_user_x")
                .then()
                .statusCode(404)
                .body("error", notNullValue());
        as(owner).put("/lists/" + id + "/members/a%00b").then().statusCode(404).body("error", notNullValue());
        as(third).get("/lists/" + id + "/members").then().statusCode(404);
    }

    @Test
    void theOwnerRemovesMembersAndMembersLeave() {
        User owner = newUser();
        User member = newUser();
        User other = newUser();
        long id = createList(owner, "Club");
        share(owner, id, member);
        share(owner, id, other);

        as(member).delete("/lists/" + id + "/members/" + other.name()).then().statusCode(403);
        as(owner).delete("/lists/" + id + "/members/" + other.name()).then().statusCode(204);
        as(other).get("/lists/" + id).then().statusCode(404);
        as(owner).delete("/lists/" + id + "/members/" + other.name()).then().statusCode(404);

        as(member).delete("/lists/" + id + "/members/" + member.name()).then().statusCode(204);
        as(member).get("/lists").then().body("id", not(hasItem((int) id)));

        as(owner).delete("/lists/" + id + "/members/" + owner.name()).then().statusCode(409);
        as(owner).get("/lists/" + id + "/members").then().body("username", containsInAnyOrder(owner.name()));
    }

    @Test
    void todosOfAListAreReadAndAddedThroughIt() {
        User owner = newUser();
        long id = createList(owner, "Work");
        long first = createTodo(owner, id, "first");
        long second = createTodo(owner, id, "second");

        as(owner)
                .get("/lists/" + id + "/todos/")
                .then()
                .statusCode(200)
                .body("id", contains((int) first, (int) second))
                .body("list_id", everyItem(equalTo((int) id)));
        as(owner).get("/lists/" + id + "/todos").then().statusCode(200).body("", hasSize(2));
        as(owner).get("/todos/").then().body("", hasSize(0));
        as(owner).get("/lists/" + id).then().body("version", equalTo(3));
    }
}
