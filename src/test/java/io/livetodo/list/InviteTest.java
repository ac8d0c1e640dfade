package io.livetodo.list;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.changes;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.from;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §9: invite links, made and revoked by a list's owner, used at most as often as they say. */
@QuarkusTest
class InviteTest {

    @Test
    void anInviteLetsOnePersonJoinOnceWithItsRoleAndIsShownToTheOwnerWithoutItsToken() throws Exception {
        User owner = newUser();
        User bob = newUser();
        User carol = newUser();
        long list = createList(owner, "Party");
        share(owner, list, carol);
        as(carol).body("{}").post("/lists/" + list + "/invites").then().statusCode(403);

        JsonPath invite = as(owner)
                .body("{}")
                .post("/lists/" + list + "/invites")
                .then()
                .statusCode(201)
                .body("role", equalTo("member"))
                .body("max_uses", equalTo(1))
                .body("uses", equalTo(0))
                .extract()
                .jsonPath();
        String token = invite.getString("token");
        assertThat(token).hasSizeGreaterThanOrEqualTo(22);
        assertThat(invite.getString("url")).endsWith("/invite/" + token);
        assertThat(Duration.between(Instant.now(), Instant.parse(invite.getString("expires_at"))))
                .isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7));
        as(owner)
                .get("/lists/" + list + "/invites")
                .then()
                .statusCode(200)
                .body("[0].id", equalTo(invite.getInt("id")))
                .body("[0]", not(hasKey("token")));
        as(carol).get("/lists/" + list + "/invites").then().statusCode(403);

        long before = version(owner, list);
        as(bob).post("/invites/" + token + "/accept").then().statusCode(200).body("role", equalTo("member"));
        as(bob).post("/invites/" + token + "/accept").then().statusCode(200);
        as(carol).post("/invites/" + token + "/accept").then().statusCode(200).body("role", equalTo("member"));
        as(newUser())
                .post("/invites/" + token + "/accept")
                .then()
                .statusCode(410)
                .body("error", equalTo("This invite link has expired, been used up or been revoked."));
        as(bob).post("/invites/no-such-token/accept").then().statusCode(404);
        List<JsonNode> joined = changes(owner, "/lists/" + list + "/changes?after=" + before);
        assertThat(joined).hasSize(1);
        assertThat(joined.get(0).path("type").asText()).isEqualTo("member.added");
        assertThat(joined.get(0).path("by").asText()).isEqualTo(bob.name());
        as(owner).get("/lists/" + list + "/invites").then().body("size()", equalTo(0));

        String viewers = as(owner)
                .body("{\"role\": \"viewer\", \"max_uses\": 2, \"expires_in\": \"P30D\"}")
                .post("/lists/" + list + "/invites")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        User vera = newUser();
        as(vera).post("/invites/" + viewers + "/accept").then().statusCode(200).body("role", equalTo("viewer"));
        as(vera).body("{\"name\": \"Cake\"}")
                .post("/lists/" + list + "/todos/")
                .then()
                .statusCode(403);
    }

    @Test
    void aRevokedOrExpiredInviteLetsNobodyInAndBadSettingsAreRefused() throws Exception {
        User owner = newUser();
        long list = createList(owner, "Club");
        JsonPath invite = as(owner)
                .body("{\"max_uses\": 10}")
                .post("/lists/" + list + "/invites")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        as(owner)
                .delete("/lists/" + list + "/invites/" + invite.getLong("id"))
                .then()
                .statusCode(204);
        as(owner).delete("/lists/" + list + "/invites/0").then().statusCode(404);
        as(newUser())
                .post("/invites/" + invite.getString("token") + "/accept")
                .then()
                .statusCode(410);

        String brief = as(owner)
                .body("{\"expires_in\": \"PT1S\"}")
                .post("/lists/" + list + "/invites")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        Thread.sleep(1100);
        as(newUser()).post("/invites/" + brief + "/accept").then().statusCode(410);

        for (String bad : List.of(
                "{\"expires_in\": \"P31D\"}",
                "{\"expires_in\": \"a week\"}",
                "{\"expires_in\": \"-P1D\"}",
                "{\"max_uses\": 0}",
                "{\"max_uses\": 1001}",
                "{\"role\": \"owner\"}",
                "{\"max_uses\": \"five\"}",
                "{\"max_uses\": 2.5}",
                "{\"role\": 7}")) {
            as(owner).body(bad).post("/lists/" + list + "/invites").then().statusCode(422);
        }
        as(owner).get("/lists/" + list + "/invites").then().body("size()", equalTo(0));
        as(owner).body("[1]").post("/lists/" + list + "/invites").then().statusCode(400);

        // With no body and no Content-Type, as curl sends it: the defaults.
        HttpResponse<String> made = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/lists/" + list + "/invites"))
                                .header("Authorization", "Bearer " + owner.token())
                                .POST(HttpRequest.BodyPublishers.noBody())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        assertThat(made.body()).contains("\"max_uses\":1").contains("\"role\":\"member\"");
    }

    @Test
    void manyAcceptingAtOnceNeverPassMaxUses() throws Exception {
        User owner = newUser();
        long list = createList(owner, "Five seats");
        String token = as(owner)
                .body("{\"max_uses\": 5}")
                .post("/lists/" + list + "/invites")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        List<User> guests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            guests.add(newUser());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<Integer>> accepts = guests.stream()
                    .<Callable<Integer>>map(guest -> () ->
                            as(guest).post("/invites/" + token + "/accept").statusCode())
                    .toList();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(accepts)) {
                statuses.add(status.get());
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(5);
            assertThat(statuses).filteredOn(status -> status == 410).hasSize(11);
        } finally {
            pool.shutdownNow();
        }
        as(owner).get("/lists/" + list + "/members").then().body("size()", equalTo(6));
    }

    @Test
    @Tag("abuse")
    void guessingInviteLinksFromOneAddressIsRefusedAfterAsManyAsFailedLogIns() {
        User guesser = newUser();
        for (int i = 0; i < 50; i++) {
            from("127.0.0.41")
                    .header("Authorization", "Bearer " + guesser.token())
                    .contentType(ContentType.JSON)
                    .post("/invites/guess-" + i + "/accept")
                    .then()
                    .statusCode(404);
        }
        from("127.0.0.41")
                .header("Authorization", "Bearer " + guesser.token())
                .contentType(ContentType.JSON)
                .post("/invites/guess-51/accept")
                .then()
                .statusCode(429)
                .header("Retry-After", notNullValue());
    }

    private static long version(User user, long list) {
        return as(user).get("/lists/" + list)
                .then()
                .extract()
                .<Number>path("version")
                .longValue();
    }
}
