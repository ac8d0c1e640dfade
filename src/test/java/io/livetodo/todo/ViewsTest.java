package io.livetodo.todo;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.agroal.api.AgroalDataSource;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §8, views across my lists: due, assigned and search, only of lists I belong to, each served by an index. */
@QuarkusTest
class ViewsTest {

    /** Fourteen hours ahead of UTC: its today is, most of the day, not UTC's. */
    private static final String ZONE = "Pacific/Kiritimati";

    @Inject
    AgroalDataSource database;

    @Test
    void myTimeZoneIsMineToSetAndOnlyAnIanaZone() {
        User user = newUser();
        as(user).get("/user").then().statusCode(200).body("time_zone", equalTo("UTC"));
        as(user).body("{\"time_zone\": \"" + ZONE + "\"}")
                .patch("/user")
                .then()
                .statusCode(200)
                .body("time_zone", equalTo(ZONE));
        as(user).get("/user").then().body("time_zone", equalTo(ZONE));
        for (String bad : new String[] {"{\"time_zone\": \"Moon/Base\"}", "{\"time_zone\": \"+02:00\"}", "{}"}) {
            as(user).body(bad).patch("/user").then().statusCode(422).body("details.field", hasItem("time_zone"));
        }
        as(user).get("/user").then().body("time_zone", equalTo(ZONE));
    }

    @Test
    void whatIsDueIsSplitIntoOverdueTodayAndUpcomingInMyTimeZone() {
        User me = newUser();
        User other = newUser();
        as(me).body("{\"time_zone\": \"" + ZONE + "\"}").patch("/user").then().statusCode(200);
        LocalDate today = LocalDate.now(ZoneId.of(ZONE));
        long mine = createList(me, "Mine");
        long shared = createList(other, "Shared");
        share(other, shared, me);
        long notMine = createList(other, "Not mine");

        todo(me, mine, "Late", day(today.minusDays(2)));
        todo(me, mine, "Now", day(today));
        todo(other, shared, "Tonight", moment(today, "23:30", ZONE));
        todo(other, shared, "This morning", moment(today, "07:00", ZONE));
        todo(me, mine, "Soon", day(today.plusDays(3)));
        todo(me, mine, "Week end", day(today.plusDays(7)));
        todo(me, mine, "Later", day(today.plusDays(8)));
        todo(other, notMine, "Theirs", day(today));
        long done = todo(me, mine, "Done already", day(today));
        as(me).body("{\"finished\": true}").patch("/todos/" + done).then().statusCode(204);

        assertThat(names(me, "/todos/due?range=overdue")).containsExactly("Late");
        assertThat(names(me, "/todos/due?range=today")).containsExactly("Now", "This morning", "Tonight");
        assertThat(names(me, "/todos/due?range=upcoming")).containsExactly("Soon", "Week end");
        JsonPath now = as(me).get("/todos/due?range=today").jsonPath();
        assertThat(now.getList("list_name")).containsExactly("Mine", "Shared", "Shared");
        assertThat(now.getList("list_id", Long.class)).containsExactly(mine, shared, shared);

        as(me).get("/todos/due?range=tomorrow").then().statusCode(422).body("details.field", hasItem("range"));
        as(me).get("/todos/due").then().statusCode(422);
    }

    @Test
    void whatIsAssignedToMeComesByDueDayWithUndatedLast() {
        User me = newUser();
        User other = newUser();
        long shared = createList(other, "Together");
        share(other, shared, me);
        LocalDate today = LocalDate.now(ZoneId.of("UTC"));
        assign(other, shared, "Undated", null, me);
        assign(other, shared, "Next week", day(today.plusDays(7)), me);
        assign(other, shared, "Tomorrow", day(today.plusDays(1)), me);
        assign(other, shared, "Not me", day(today), other);

        assertThat(names(me, "/todos/assigned")).containsExactly("Tomorrow", "Next week", "Undated");
        assertThat(names(other, "/todos/assigned")).containsExactly("Not me");
    }

    @Test
    void searchFindsEveryWordInNamesAndNotesOfMyListsOnly() {
        User me = newUser();
        User other = newUser();
        long mine = createList(me, "Home");
        long notMine = createList(other, "Away");
        as(me).body("{\"name\": \"Paint the fence\", \"notes\": \"white paint, two coats\"}")
                .post("/lists/" + mine + "/todos/")
                .then()
                .statusCode(303);
        long bought = todo(me, mine, "Buy paint brushes", null);
        as(me).body("{\"finished\": true}").patch("/todos/" + bought).then().statusCode(204);
        todo(me, mine, "Fence the garden", null);
        todo(other, notMine, "Paint the fence too", null);

        assertThat(search(me, "paint fen")).containsExactly("Paint the fence");
        assertThat(search(me, "PAINT")).containsExactlyInAnyOrder("Paint the fence", "Buy paint brushes");
        assertThat(as(me).queryParam("q", "brush").get("/search").jsonPath().getList("finished"))
                .containsExactly(true);
        assertThat(search(me, "coats")).containsExactly("Paint the fence");
        assertThat(names(me, "/search?q=fence&limit=1")).hasSize(1);
        assertThat(search(me, "garden's & fence!")).isEmpty();
        assertThat(search(me, "fence garden")).containsExactly("Fence the garden");

        as(me).get("/search?q=").then().statusCode(422).body("details.field", hasItem("q"));
        as(me).get("/search").then().statusCode(422);
        as(me).queryParam("q", "!!!").get("/search").then().statusCode(422);
        as(me).get("/search?q=" + "a".repeat(201)).then().statusCode(422);
        as(me).get("/search?q=fence&limit=101").then().statusCode(400);
    }

    /** With sequential scans priced out, each view's statement is served by an index. */
    @Test
    void eachViewIsOneStatementThatItsIndexServes() throws Exception {
        assertThat(plan("prepare v(bigint, text) as " + TodoViews.DUE, "execute v(1, 'today')"))
                .contains("todo_due");
        assertThat(plan("prepare v(bigint) as " + TodoViews.ASSIGNED, "execute v(1)"))
                .contains("todo_assignee");
        // Search goes through the GIN index, or through the user's lists when they hold few todos:
        // the planner picks by what the tables hold. Either way no table is read whole.
        assertThat(plan(
                        "prepare v(text) as select id from todo t where t.search @@ to_tsquery('simple', $1)",
                        "execute v('paint:*')"))
                .contains("todo_search");
        assertThat(plan("prepare v(bigint, text, integer) as " + TodoViews.SEARCH, "execute v(1, 'paint:*', 20)"))
                .doesNotContain("Seq Scan");
    }

    private String plan(String prepare, String execute) throws Exception {
        try (Connection connection = database.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("set enable_seqscan = off");
            sql.execute("set plan_cache_mode = force_generic_plan");
            sql.execute(prepare);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = sql.executeQuery("explain " + execute)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            sql.execute("deallocate v");
            return plan.toString();
        }
    }

    private static String day(LocalDate date) {
        return "{\"date\": \"" + date + "\"}";
    }

    private static String moment(LocalDate date, String time, String zone) {
        return "{\"date\": \"" + date + "\", \"time\": \"" + time + "\", \"time_zone\": \"" + zone + "\"}";
    }

    private static long todo(User user, long list, String name, String due) {
        String location = as(user).body("{\"name\": \"" + name + "\", \"due\": " + due + "}")
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    private static void assign(User user, long list, String name, String due, User assignee) {
        as(user).body("{\"name\": \"" + name + "\", \"due\": " + due + ", \"assignee\": \"" + assignee.name() + "\"}")
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(303);
    }

    private static List<String> search(User user, String query) {
        return as(user).queryParam("q", query)
                .get("/search")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("name");
    }

    private static List<String> names(User user, String path) {
        return as(user).get(path).then().statusCode(200).extract().jsonPath().getList("name");
    }
}
