package io.livetodo.live;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.login;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.Api.share;
import static io.livetodo.support.LiveClient.nothingElseArrives;
import static io.livetodo.support.LiveClient.versionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LiveTest {

    @Test
    void helloNamesTheUserAndTheirListsWithVersions() throws Exception {
        User user = newUser();
        long personal = personalListId(user);
        long other = createList(user, "Other");
        createTodo(user, other, "one");
        try (LiveClient live = LiveClient.connect(base(), user)) {
            JsonNode hello = live.next();
            assertThat(hello.path("type").asText()).isEqualTo("hello");
            assertThat(hello.path("user").asText()).isEqualTo(user.name());
            assertThat(hello.path("lists")).hasSize(2);
            assertThat(hello.path("lists").get(0).path("id").asLong()).isEqualTo(personal);
            assertThat(hello.path("lists").get(0).path("version").asLong()).isEqualTo(1);
            assertThat(hello.path("lists").get(1).path("id").asLong()).isEqualTo(other);
            assertThat(hello.path("lists").get(1).path("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void anUpgradeWithoutAValidSessionIsRefusedWith401() {
        for (String token : new String[] {null, "not-a-session"}) {
            WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            assertThatThrownBy(() -> builder.buildAsync(
                                    URI.create(base().replace("http", "ws") + "/live"), new WebSocket.Listener() {})
                            .join())
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e.getCause())
                                    .getResponse()
                                    .statusCode())
                            .isEqualTo(401));
        }
    }

    @Test
    void browsersMayAuthenticateWithTheSubProtocol() throws Exception {
        User user = newUser();
        String carrier =
                URLEncoder.encode("quarkus-http-upgrade#Authorization#" + user.token(), StandardCharsets.UTF_8);
        WebSocket socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .subprotocols("livetodo", carrier)
                .buildAsync(URI.create(base().replace("http", "ws") + "/live"), new WebSocket.Listener() {})
                .join();
        assertThat(socket.getSubprotocol()).isEqualTo("livetodo");
        socket.abort();
    }

    @Test
    void everyChangeSaysWhoMadeItAndWhen() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Who did it");
        try (LiveClient live = LiveClient.connect(base(), owner)) {
            live.next();
            Instant before = Instant.now().minusSeconds(1);
            share(owner, list, member);
            long todo = createTodo(member, list, "bread");
            as(member)
                    .body("{\"finished\": true}")
                    .patch("/todos/" + todo)
                    .then()
                    .statusCode(204);
            as(member)
                    .delete("/lists/" + list + "/members/" + member.name())
                    .then()
                    .statusCode(204);

            List<JsonNode> changes = live.next(4);
            assertThat(changes)
                    .extracting(m -> m.path("type").asText())
                    .containsExactly("member.added", "todo.created", "todo.updated", "member.removed");
            assertThat(changes)
                    .extracting(m -> m.path("by").asText())
                    .containsExactly(owner.name(), member.name(), member.name(), member.name());
            assertThat(changes)
                    .allSatisfy(m -> assertThat(Instant.parse(m.path("at").asText()))
                            .isBetween(before, Instant.now().plusSeconds(1)));
        }
    }

    @Test
    void guarantee1_everyMemberReceivesEveryChangeOnceInOrderAndOutsidersNothing() throws Exception {
        User owner = newUser();
        User member = newUser();
        User outsider = newUser();
        long list = createList(owner, "Team");
        share(owner, list, member);
        try (LiveClient ownerLive = LiveClient.connect(base(), owner);
                LiveClient memberLive = LiveClient.connect(base(), member);
                LiveClient outsiderLive = LiveClient.connect(base(), outsider)) {
            long start = versionIn(ownerLive.next(), list);
            assertThat(versionIn(memberLive.next(), list)).isEqualTo(start);
            outsiderLive.next();

            long todo = createTodo(owner, list, "first");
            for (int i = 0; i < 8; i++) {
                createTodo(member, list, "by member " + i);
                as(owner)
                        .body("{\"finished\": " + (i % 2 == 0) + "}")
                        .patch("/todos/" + todo)
                        .then()
                        .statusCode(204);
            }
            as(owner).delete("/todos/" + todo).then().statusCode(204);
            as(owner).body(named("Renamed team")).patch("/lists/" + list).then().statusCode(200);

            for (LiveClient live : List.of(ownerLive, memberLive)) {
                List<JsonNode> changes = live.next(19);
                assertThat(changes)
                        .extracting(m -> m.path("version").asLong())
                        .containsExactlyElementsOf(LongStream.rangeClosed(start + 1, start + 19)
                                .boxed()
                                .toList());
                assertThat(changes)
                        .allSatisfy(m -> assertThat(m.path("list_id").asLong()).isEqualTo(list));
                assertThat(changes.get(0).path("type").asText()).isEqualTo("todo.created");
                assertThat(changes.get(0).path("data").path("name").asText()).isEqualTo("first");
                assertThat(changes.get(17).path("type").asText()).isEqualTo("todo.deleted");
                assertThat(changes.get(18).path("type").asText()).isEqualTo("list.updated");
                assertThat(changes.get(18).path("data").path("name").asText()).isEqualTo("Renamed team");
            }
            nothingElseArrives(ownerLive, owner);
            nothingElseArrives(memberLive, member);
            nothingElseArrives(outsiderLive, outsider);
        }
    }

    @Test
    void guarantee1_aRemovedMemberGetsMemberRemovedAndNothingAfter() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Club");
        share(owner, list, member);
        try (LiveClient memberLive = LiveClient.connect(base(), member)) {
            long start = versionIn(memberLive.next(), list);
            as(owner)
                    .delete("/lists/" + list + "/members/" + member.name())
                    .then()
                    .statusCode(204);
            createTodo(owner, list, "after the removal");

            JsonNode removed = memberLive.next();
            assertThat(removed.path("type").asText()).isEqualTo("member.removed");
            assertThat(removed.path("version").asLong()).isEqualTo(start + 1);
            assertThat(removed.path("data").path("username").asText()).isEqualTo(member.name());
            nothingElseArrives(memberLive, member);
        }
    }

    @Test
    void guarantee1_aMemberAddedWhileConnectedStartsReceivingWithoutReconnecting() throws Exception {
        User owner = newUser();
        User newcomer = newUser();
        long list = createList(owner, "Open");
        createTodo(owner, list, "before");
        try (LiveClient live = LiveClient.connect(base(), newcomer)) {
            live.next();
            share(owner, list, newcomer);
            createTodo(owner, list, "after");

            JsonNode added = live.next();
            assertThat(added.path("type").asText()).isEqualTo("member.added");
            assertThat(added.path("list_id").asLong()).isEqualTo(list);
            assertThat(added.path("version").asLong()).isEqualTo(3);
            JsonNode created = live.next();
            assertThat(created.path("type").asText()).isEqualTo("todo.created");
            assertThat(created.path("version").asLong()).isEqualTo(4);
            assertThat(created.path("data").path("name").asText()).isEqualTo("after");
        }
    }

    @Test
    void guarantee1_aListCreatedWhileConnectedIsFollowedFromItsFirstChange() throws Exception {
        User owner = newUser();
        try (LiveClient live = LiveClient.connect(base(), owner)) {
            live.next();
            long list = createList(owner, "New while connected");
            createTodo(owner, list, "first");

            JsonNode joined = live.next();
            assertThat(joined.path("type").asText()).isEqualTo("member.added");
            assertThat(joined.path("list_id").asLong()).isEqualTo(list);
            assertThat(joined.path("version").asLong()).isEqualTo(1);
            assertThat(joined.path("data").path("username").asText()).isEqualTo(owner.name());
            assertThat(joined.path("data").path("role").asText()).isEqualTo("owner");
            JsonNode created = live.next();
            assertThat(created.path("type").asText()).isEqualTo("todo.created");
            assertThat(created.path("version").asLong()).isEqualTo(2);
        }
    }

    @Test
    void guarantee2_aClientThatResumesGetsEveryMissedChangeOnce() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        long seen;
        try (LiveClient live = LiveClient.connect(base(), user)) {
            seen = versionIn(live.next(), list);
        }
        for (int i = 0; i < 100; i++) {
            createTodo(user, "missed " + i);
        }
        try (LiveClient live = LiveClient.connect(base(), user)) {
            assertThat(versionIn(live.next(), list)).isEqualTo(seen + 100);
            live.send("{\"type\": \"resume\", \"lists\": {\"" + list + "\": " + seen + "}}");
            List<JsonNode> replayed = live.next(100);
            assertThat(replayed)
                    .extracting(m -> m.path("version").asLong())
                    .containsExactlyElementsOf(
                            LongStream.rangeClosed(seen + 1, seen + 100).boxed().toList());
            assertThat(replayed)
                    .extracting(m -> m.path("data").path("name").asText())
                    .contains("missed 0", "missed 99");

            createTodo(user, "live again");
            assertThat(live.next().path("version").asLong()).isEqualTo(seen + 101);
        }
    }

    @Test
    void resumingListsThatAreUpToDateOrNotMineSendsNothing() throws Exception {
        User user = newUser();
        User other = newUser();
        long list = personalListId(user);
        long foreign = personalListId(other);
        createTodo(other, "private");
        try (LiveClient live = LiveClient.connect(base(), user)) {
            long seen = versionIn(live.next(), list);
            live.send("{\"type\": \"resume\", \"lists\": {\"" + list + "\": " + seen + ", \"" + foreign + "\": 0}}");
            // The reply to the next message is the next frame: the resume sent nothing.
            live.send("{\"type\": \"subscribe\"}");
            assertThat(live.next().path("type").asText()).isEqualTo("error");
            live.send("not json");
            assertThat(live.next().path("type").asText()).isEqualTo("error");
        }
    }

    @Test
    void guarantee3_aRolledBackWriteSendsNothingAndEachAcknowledgedWriteOneMessage() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        try (LiveClient live = LiveClient.connect(base(), user)) {
            long start = versionIn(live.next(), list);
            long todo = createTodo(user, "unique");
            as(user).body(named("unique")).post("/todos/").then().statusCode(409);
            as(user).header("If-Match", "\"7\"")
                    .body("{\"finished\": true}")
                    .patch("/todos/" + todo)
                    .then()
                    .statusCode(412);
            as(user).body(named("")).post("/todos/").then().statusCode(422);
            as(user).body("{\"finished\": true}").patch("/todos/" + todo).then().statusCode(204);

            List<JsonNode> changes = live.next(2);
            assertThat(changes)
                    .extracting(m -> m.path("type").asText())
                    .containsExactly("todo.created", "todo.updated");
            assertThat(changes).extracting(m -> m.path("version").asLong()).containsExactly(start + 1, start + 2);
            nothingElseArrives(live, user);
        }
    }

    @Test
    void guarantee1_aDeletedListEndsWithListDeletedAndNothingAfter() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Short-lived");
        share(owner, list, member);
        try (LiveClient memberLive = LiveClient.connect(base(), member)) {
            long start = versionIn(memberLive.next(), list);
            as(owner).delete("/lists/" + list).then().statusCode(204);
            JsonNode deleted = memberLive.next();
            assertThat(deleted.path("type").asText()).isEqualTo("list.deleted");
            assertThat(deleted.path("list_id").asLong()).isEqualTo(list);
            assertThat(deleted.path("version").asLong()).isEqualTo(start + 1);
            createTodo(member, "on my own list");
            assertThat(memberLive.next().path("data").path("name").asText()).isEqualTo("on my own list");
        }
    }

    @Test
    void revokingASessionClosesItsLiveConnectionsOnly() throws Exception {
        User user = newUser();
        User otherDevice = new User(user.name(), login(user.name()));
        try (LiveClient mine = LiveClient.connect(base(), user);
                LiveClient theirs = LiveClient.connect(base(), otherDevice)) {
            mine.next();
            theirs.next();
            Number otherSession =
                    as(user).get("/user/sessions").then().extract().path("find { !it.current }.id");
            as(user).delete("/user/sessions/" + otherSession).then().statusCode(204);
            assertThat(theirs.closeCode(Duration.ofSeconds(1))).isEqualTo(1008);
            createTodo(user, "still connected");
            assertThat(mine.next().path("type").asText()).isEqualTo("todo.created");
        }
    }

    @Test
    void loggingOutClosesThatSessionsLiveConnections() throws Exception {
        User user = newUser();
        try (LiveClient live = LiveClient.connect(base(), user)) {
            live.next();
            as(user).delete("/user").then().statusCode(200);
            assertThat(live.closeCode(Duration.ofSeconds(1))).isEqualTo(1008);
        }
    }

    @Test
    void aResumeFromBeforeJoiningGetsResyncNeverTheOlderChanges() throws Exception {
        User owner = newUser();
        User newcomer = newUser();
        long list = createList(owner, "Before");
        long secret = createTodo(owner, list, "secret-1");
        as(owner).delete("/todos/" + secret).then().statusCode(204);
        as(owner).body(named("After")).patch("/lists/" + list).then().statusCode(200);
        share(owner, list, newcomer);
        try (LiveClient live = LiveClient.connect(base(), newcomer)) {
            long joined = versionIn(live.next(), list);
            live.send("{\"type\": \"resume\", \"lists\": {\"" + list + "\": 0}}");
            JsonNode resync = live.next();
            assertThat(resync.path("type").asText()).isEqualTo("resync");
            assertThat(resync.path("list_id").asLong()).isEqualTo(list);

            createTodo(owner, list, "marker");
            JsonNode next = live.next();
            assertThat(next.path("version").asLong()).isEqualTo(joined + 1);
            assertThat(next.path("data").path("name").asText()).isEqualTo("marker");
        }
    }

    @Test
    void aResumeFromTheVersionBeforeJoiningReplaysFromTheJoin() throws Exception {
        User owner = newUser();
        User newcomer = newUser();
        long list = createList(owner, "Shared later");
        createTodo(owner, list, "before");
        share(owner, list, newcomer);
        createTodo(owner, list, "after");
        try (LiveClient live = LiveClient.connect(base(), newcomer)) {
            assertThat(versionIn(live.next(), list)).isEqualTo(4);
            live.send("{\"type\": \"resume\", \"lists\": {\"" + list + "\": 2}}");
            List<JsonNode> replayed = live.next(2);
            assertThat(replayed)
                    .extracting(m -> m.path("type").asText())
                    .containsExactly("member.added", "todo.created");
            assertThat(replayed.get(1).path("data").path("name").asText()).isEqualTo("after");
        }
    }

    /**
     * Proves that nothing is on its way to the client, by a change to the user's own list: it must
     * be the next message. (Waiting for silence proves nothing, and takes the wait each time.)
     */
}
