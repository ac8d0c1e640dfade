package io.livetodo.list;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;

import io.agroal.api.AgroalDataSource;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6a, the cap on todos per list, at its shipped value: a list is filled to just under it in
 * one statement (the database counts those rows as it counts any), then every way of adding a
 * todo meets the cap.
 */
@QuarkusTest
@Tag("abuse")
class TodoCapTest {

    @Inject
    AgroalDataSource database;

    @ConfigProperty(name = "livetodo.quota.todos-per-list")
    int cap;

    @Test
    void aListHoldsAtMostTheCapOfTodosAddedAnyWay() throws SQLException {
        User user = newUser();
        long list = createList(user, "Full");
        fill(list, user, cap - 2);
        createTodo(user, list, "the last but one");
        as(user).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(named("the last"))
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303);
        String full = cap + " todos";
        as(user).body(named("one too many"))
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(409)
                .contentType(ContentType.JSON)
                .body("error", containsString(full));
        as(user).header("Idempotency-Key", UUID.randomUUID().toString())
                .body(named("one too many"))
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(409)
                .body("error", containsString(full));
        assertThat(todosIn(list)).isEqualTo(cap);

        long first = as(user).get("/lists/" + list + "/todos/?limit=1")
                .then()
                .extract()
                .jsonPath()
                .getLong("[0].id");
        as(user).delete("/todos/" + first).then().statusCode(204);
        as(user).body(named("room again"))
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303);
        as(user).body(named("again one too many"))
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(409);
        assertThat(todosIn(list)).isEqualTo(cap);
        as(user).body("{\"finished\": true}")
                .patch("/lists/" + list + "/todos/")
                .then()
                .statusCode(204);
        as(user).delete("/lists/" + list + "/todos/?finished=true").then().statusCode(204);
        as(user).get("/lists/" + list + "/todos/").then().body("", hasSize(0));
        createTodo(user, list, "after clearing");
    }

    private int todosIn(long list) throws SQLException {
        try (Connection connection = database.getConnection();
                ResultSet rows = connection
                        .createStatement()
                        .executeQuery("select count(*) from todo where list_id = " + list)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void fill(long list, User user, int count) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into todo (list_id, name, created_by, updated_by)
                        select ?, 'filler ' || n, ?, ? from generate_series(1, ?) n
                        """)) {
            insert.setLong(1, list);
            insert.setString(2, user.name());
            insert.setString(3, user.name());
            insert.setInt(4, count);
            insert.executeUpdate();
        }
    }
}
