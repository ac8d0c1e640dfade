package io.livetodo.live;

import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code watch} and {@code presence} (SPEC §7) on one instance; across instances in MultiInstanceIT. */
@QuarkusTest
class PresenceTest {

    @Test
    void membersWatchingAListSeeEachOtherAndOneWhoLeavesIsGone() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Look");
        share(owner, list, member);
        try (LiveClient ownerLive = LiveClient.connect(base(), owner);
                LiveClient memberLive = LiveClient.connect(base(), member)) {
            ownerLive.next();
            memberLive.next();

            ownerLive.send(watch(list));
            assertThat(viewers(ownerLive.next(), list)).containsExactly(owner.name());
            memberLive.send(watch(list));
            assertThat(viewers(memberLive.next(), list)).containsExactlyElementsOf(names(owner, member));
            assertThat(viewers(ownerLive.next(), list)).containsExactlyElementsOf(names(owner, member));

            memberLive.close();
            assertThat(viewers(ownerLive.next(), list)).containsExactly(owner.name());
        }
    }

    @Test
    void aViewerWhoLooksElsewhereIsGoneAndTwoTabsCountOnce() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Tabs");
        share(owner, list, member);
        try (LiveClient ownerLive = LiveClient.connect(base(), owner);
                LiveClient firstTab = LiveClient.connect(base(), member);
                LiveClient secondTab = LiveClient.connect(base(), member)) {
            for (LiveClient live : List.of(ownerLive, firstTab, secondTab)) {
                live.next();
            }
            ownerLive.send(watch(list));
            ownerLive.next();
            firstTab.send(watch(list));
            assertThat(viewers(ownerLive.next(), list)).containsExactlyElementsOf(names(owner, member));
            secondTab.send(watch(list));
            assertThat(viewers(secondTab.next(), list)).containsExactlyElementsOf(names(owner, member));

            firstTab.send("{\"type\": \"watch\", \"list_id\": null}");
            secondTab.send("{\"type\": \"watch\", \"list_id\": null}");
            assertThat(viewers(ownerLive.next(), list)).containsExactly(owner.name());
        }
    }

    @Test
    void onlyAListOneFollowsCanBeWatched() throws Exception {
        User owner = newUser();
        User outsider = newUser();
        long list = createList(owner, "Private");
        try (LiveClient ownerLive = LiveClient.connect(base(), owner);
                LiveClient outsiderLive = LiveClient.connect(base(), outsider)) {
            ownerLive.next();
            outsiderLive.next();
            ownerLive.send(watch(list));
            ownerLive.next();
            outsiderLive.send(watch(list));
            JsonNode refused = outsiderLive.next();
            assertThat(refused.path("type").asText()).isEqualTo("error");
            assertThat(refused.path("error").asText()).contains("do not follow list " + list);
            outsiderLive.send("{\"type\": \"watch\", \"list_id\": \"everything\"}");
            assertThat(outsiderLive.next().path("type").asText()).isEqualTo("error");
            LiveClient.nothingElseArrives(ownerLive, owner);
        }
    }

    static String watch(long list) {
        return "{\"type\": \"watch\", \"list_id\": " + list + "}";
    }

    static List<String> viewers(JsonNode message, long list) {
        assertThat(message.path("type").asText()).isEqualTo("presence");
        assertThat(message.path("list_id").asLong()).isEqualTo(list);
        List<String> users = new ArrayList<>();
        message.path("users").forEach(user -> users.add(user.asText()));
        return users;
    }

    static List<String> names(User... users) {
        return Stream.of(users).map(User::name).sorted().toList();
    }
}
