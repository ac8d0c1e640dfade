package io.livetodo.list;

import static io.livetodo.support.Api.PASSWORD;
import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.changes;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.Api.share;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §9: deleting an account leaves its lists to their other members, ends its sessions and keeps only its name. */
@QuarkusTest
class AccountDeletionTest {

    @Test
    void aDeletedAccountsListsPassOnItsSessionsEndAndOnlyItsNameStays() throws Exception {
        User ann = newUser();
        User ben = newUser();
        User cat = newUser();
        User dan = newUser();
        long personal = personalListId(ann);
        share(ann, personal, ben);
        long club = createList(ann, "Club");
        share(ann, club, ben);
        as(ann).body("{\"role\": \"viewer\"}")
                .put("/lists/" + club + "/members/" + cat.name())
                .then()
                .statusCode(204);
        long alone = createList(ann, "Alone");
        createTodo(ann, alone, "Only mine");
        long dans = createList(dan, "Dan's");
        share(dan, dans, ann);
        long chore = createTodo(dan, dans, "Chore");
        as(dan).body("{\"assignee\": \"" + ann.name() + "\"}")
                .patch("/todos/" + chore)
                .then()
                .statusCode(204);
        String token = as(ann).body("{\"name\": \"script\", \"scope\": \"write\"}")
                .post("/user/tokens")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        long clubBefore = version(ben, club);
        long dansBefore = version(dan, dans);

        as(ann).body("{\"password\": \"not my password\"}")
                .post("/user/delete")
                .then()
                .statusCode(403);
        as(new User(ann.name(), token))
                .body("{\"password\": \"" + PASSWORD + "\"}")
                .post("/user/delete")
                .then()
                .statusCode(403);
        as(ann).get("/user").then().statusCode(200);

        try (LiveClient live = LiveClient.connect(base(), ann)) {
            live.next();
            as(ann).body("{\"password\": \"" + PASSWORD + "\"}")
                    .post("/user/delete")
                    .then()
                    .statusCode(204);
            assertThat(live.closeCode(Duration.ofSeconds(1))).isEqualTo(1008);
        }
        as(ann).get("/user").then().statusCode(401);
        as(new User(ann.name(), token)).get("/todos/").then().statusCode(401);

        as(ben).get("/lists/" + club).then().statusCode(200).body("role", equalTo("owner"));
        as(ben).get("/lists/" + club + "/members").then().body("username", equalTo(List.of(ben.name(), cat.name())));
        List<JsonNode> left = changes(ben, "/lists/" + club + "/changes?after=" + clubBefore);
        assertThat(left.stream()
                        .map(change -> change.path("type").asText() + " "
                                + change.path("data").path("username").asText()))
                .containsExactly("member.updated " + ben.name(), "member.removed " + ann.name());
        as(ben).get("/lists/" + personal).then().statusCode(200).body("role", equalTo("owner"));
        as(ben).body("{\"name\": \"Was Ann's\"}")
                .post("/lists/" + personal + "/todos/")
                .then()
                .statusCode(303);

        as(dan).get("/todos/" + chore).then().body("assignee", nullValue());
        assertThat(changes(dan, "/lists/" + dans + "/changes?after=" + dansBefore).stream()
                        .map(change -> change.path("type").asText()))
                .containsExactly("todo.updated", "member.removed");

        given().contentType(ContentType.JSON)
                .body(credentials(ann.name(), PASSWORD))
                .post("/user")
                .then()
                .statusCode(401);
        given().contentType(ContentType.JSON)
                .body(credentials(ann.name(), PASSWORD))
                .post("/users")
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
