package io.livetodo.list;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.Api.share;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthorizationTest {

    @Test
    void anotherUserCannotReachMyTodosOrListsByAnyRoute() {
        User alice = newUser();
        User mallory = newUser();
        long todo = createTodo(alice, "private");
        long list = personalListId(alice);

        as(mallory).get("/todos/" + todo).then().statusCode(404).body("error", equalTo("Todo not found"));
        as(mallory)
                .body("{\"finished\": true}")
                .patch("/todos/" + todo)
                .then()
                .statusCode(404)
                .body("error", equalTo("Todo not found"));
        as(mallory).delete("/todos/" + todo).then().statusCode(404).body("error", equalTo("Todo not found"));
        as(mallory).get("/todos/").then().statusCode(200).body("id", not(hasItem((int) todo)));
        as(mallory).get("/lists").then().body("id", not(hasItem((int) list)));
        as(mallory).get("/lists/" + list).then().statusCode(404);
        as(mallory).get("/lists/" + list + "/todos/").then().statusCode(404);
        as(mallory)
                .body(named("sneaky"))
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(404);
        as(mallory).get("/lists/" + list + "/members").then().statusCode(404);
        as(mallory).put("/lists/" + list + "/members/" + mallory.name()).then().statusCode(404);
        as(mallory).delete("/lists/" + list + "/members/" + alice.name()).then().statusCode(404);
        as(mallory).body(named("mine")).patch("/lists/" + list).then().statusCode(404);
        as(mallory).delete("/lists/" + list).then().statusCode(404);

        as(alice)
                .get("/todos/" + todo)
                .then()
                .statusCode(200)
                .body("name", equalTo("private"))
                .body("finished", equalTo(false));
        as(alice).get("/todos/").then().body("", hasSize(1));
    }

    @Test
    void sharingAListLetsTheMemberReadAndChangeItsTodos() {
        User alice = newUser();
        User bob = newUser();
        long list = personalListId(alice);
        long todo = createTodo(alice, "together");
        share(alice, list, bob);

        as(bob).get("/todos/" + todo).then().statusCode(200).body("created_by", equalTo(alice.name()));
        as(bob).body("{\"finished\": true}").patch("/todos/" + todo).then().statusCode(204);
        as(alice).get("/todos/" + todo).then().body("finished", equalTo(true)).body("updated_by", equalTo(bob.name()));
        long bobs = createTodo(bob, list, "from bob");
        as(alice).get("/todos/").then().body("id", hasItem((int) bobs));
        as(bob).get("/todos/").then().body("", hasSize(0));
        as(bob).delete("/todos/" + todo).then().statusCode(204);
        as(alice).get("/todos/" + todo).then().statusCode(404);

        as(alice).delete("/lists/" + list + "/members/" + bob.name()).then().statusCode(204);
        as(bob).get("/todos/" + bobs).then().statusCode(404);
    }
}
