package io.livetodo.live;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.changes;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static io.livetodo.support.LiveClient.versionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /lists/{id}/changes}: the live protocol's change messages over HTTP (SPEC §7). */
@QuarkusTest
class ListChangesTest {

    @Test
    void theHistoryHoldsExactlyTheMessagesLiveDelivered() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Shop");
        share(owner, list, member);
        try (LiveClient live = LiveClient.connect(base(), member)) {
            long start = versionIn(live.next(), list);
            long todo = createTodo(owner, list, "milk");
            as(member)
                    .body("{\"finished\": true}")
                    .patch("/todos/" + todo)
                    .then()
                    .statusCode(204);
            as(owner).body(named("Shop today")).patch("/lists/" + list).then().statusCode(200);
            as(owner).delete("/todos/" + todo).then().statusCode(204);
            List<JsonNode> delivered = live.next(4);

            List<JsonNode> history = changes(member, "/lists/" + list + "/changes?after=" + start);
            assertThat(history).containsExactlyElementsOf(delivered);
        }
    }

    @Test
    void pagesFollowEachOtherToTheNewestChangeAndNoFurther() throws Exception {
        User user = newUser();
        long list = createList(user, "Pages");
        for (int i = 0; i < 4; i++) {
            createTodo(user, list, "todo " + i);
        }
        // Versions 1 (the owner's member.added) to 5: pages of two after version 1 end exactly at 5.
        Response first = as(user).get("/lists/" + list + "/changes?after=1&limit=2");
        first.then().statusCode(200).header("Link", "</lists/" + list + "/changes?after=3&limit=2>; rel=\"next\"");
        assertThat(versions(first)).containsExactly(2L, 3L);

        Response second = as(user).get("/lists/" + list + "/changes?after=3&limit=2");
        assertThat(versions(second)).containsExactly(4L, 5L);
        assertThat(second.header("Link")).as("a full last page has no next").isNull();

        Response past = as(user).get("/lists/" + list + "/changes?after=5");
        assertThat(versions(past)).isEmpty();
        assertThat(past.header("Link")).isNull();
        assertThat(versions(as(user).get("/lists/" + list + "/changes?after=99")))
                .isEmpty();

        Response whole = as(user).get("/lists/" + list + "/changes");
        assertThat(versions(whole)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(whole.jsonPath().getString("[0].type")).isEqualTo("member.added");
    }

    @Test
    void changesFromBeforeJoiningAreGoneAndTheJoinIsWhereAMemberStarts() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Before");
        createTodo(owner, list, "secret");
        share(owner, list, member);

        as(member)
                .get("/lists/" + list + "/changes?after=1")
                .then()
                .statusCode(410)
                .body("error", containsString("reload the list"));
        List<JsonNode> fromJoin = changes(member, "/lists/" + list + "/changes?after=2");
        assertThat(fromJoin).extracting(m -> m.path("type").asText()).containsExactly("member.added");
        assertThat(changes(member, "/lists/" + list + "/changes")).isEqualTo(fromJoin);
        assertThat(changes(owner, "/lists/" + list + "/changes")).hasSize(3);
    }

    @Test
    void outsidersAndBadParametersAreRefused() {
        User owner = newUser();
        User outsider = newUser();
        long list = createList(owner, "Mine");
        as(outsider).get("/lists/" + list + "/changes").then().statusCode(404);
        as(owner).get("/lists/999999999/changes").then().statusCode(404);
        for (String query : new String[] {"after=x", "after=-1", "limit=0", "limit=1001", "limit=two"}) {
            as(owner)
                    .get("/lists/" + list + "/changes?" + query)
                    .then()
                    .statusCode(400)
                    .body("error", containsString("parameter"));
        }
    }

    private static List<Long> versions(Response response) {
        return response.then().statusCode(200).extract().jsonPath().getList("version", Long.class);
    }
}
