package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.common.CurrentUser;
import io.livetodo.live.wire.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Presence's rules without a server: the loop is {@link SimLoop}, whose clock moves only when a
 * test lets time pass, and the other instances are what the test says they announced.
 * {@link PresenceTest} checks the same end to end.
 */
class PresenceRulesTest {

    private static final long LIST = 100;
    /** Half the ping interval: how long another instance's announcement counts. */
    private static final long LIFETIME = 7_500;

    private final SimLoop loop = new SimLoop();
    private final Followers followers = new Followers();
    private final Map<Follower, List<Frame>> written = new HashMap<>();
    private final List<String> announced = new ArrayList<>();
    private final Presence presence = new Presence(
            loop,
            followers,
            (follower, frame) ->
                    written.computeIfAbsent(follower, k -> new ArrayList<>()).add(frame),
            payloads -> announced.addAll(List.of(payloads)),
            new Pings(15),
            Duration.ofSeconds(15));
    private long connections;

    @Test
    void aWatcherIsToldWhoLooksAtOnceAndOfOthersAtMostOnceASecond() {
        Follower alice = following("alice");
        Follower bob = following("bob");
        Follower carol = following("carol");

        presence.watch(alice, LIST);
        assertThat(lastViewers(alice)).containsExactly("alice");
        presence.watch(bob, LIST);
        assertThat(lastViewers(bob)).containsExactly("alice", "bob");
        assertThat(lastViewers(alice)).containsExactly("alice", "bob");
        presence.watch(carol, LIST);

        assertThat(lastViewers(carol)).containsExactly("alice", "bob", "carol");
        assertThat(lastViewers(alice))
                .as("told again a second after the last time")
                .containsExactly("alice", "bob");
        passMillis(1_000);
        assertThat(lastViewers(alice)).containsExactly("alice", "bob", "carol");
        assertThat(lastViewers(bob)).containsExactly("alice", "bob", "carol");
    }

    @Test
    void anotherInstancesViewersCountUntilTheirAnnouncementsLifetimeEnds() {
        Follower alice = following("alice");
        presence.watch(alice, LIST);

        presence.heard("other-instance 1 " + LIFETIME + " " + LIST + " carol,dave");
        passMillis(1_000);
        assertThat(lastViewers(alice)).containsExactly("alice", "carol", "dave");

        passMillis(LIFETIME);
        assertThat(lastViewers(alice)).containsExactly("alice");
    }

    @Test
    void anAnnouncementOvertakenByANewerOneOfItsInstanceIsIgnored() {
        Follower alice = following("alice");
        presence.watch(alice, LIST);

        presence.heard("other-instance 2 " + LIFETIME + " " + LIST + " carol,dave");
        presence.heard("other-instance 1 " + LIFETIME + " " + LIST + " carol");
        presence.heard("garbled");
        passMillis(1_000);

        assertThat(lastViewers(alice)).containsExactly("alice", "carol", "dave");
    }

    @Test
    void aClientFlippingItsWatchMakesOneAnnouncementATickNotOneAFlip() {
        Follower alice = following("alice");

        for (int i = 0; i < 40; i++) {
            presence.watch(alice, LIST);
            presence.watch(alice, null);
        }
        presence.watch(alice, LIST);
        assertThat(announced).isEmpty();
        loop.advance();

        assertThat(announced).hasSize(1);
        assertThat(announced.get(0)).endsWith(" " + LIFETIME + " " + LIST + " alice");
    }

    @Test
    void aViewerWhoLeavesIsGoneForTheOthersAndAnnouncedGone() {
        Follower alice = following("alice");
        Follower bob = following("bob");
        presence.watch(alice, LIST);
        presence.watch(bob, LIST);
        passMillis(1_000);
        announced.clear();

        presence.left(bob);
        passMillis(1_000);

        assertThat(lastViewers(alice)).containsExactly("alice");
        assertThat(announced.get(announced.size() - 1)).endsWith(" " + LIST + " alice");
    }

    @Test
    void aListTheConnectionDoesNotFollowCannotBeWatched() {
        Follower alice = following("alice");
        Follower bob = following("bob");
        presence.watch(bob, LIST);

        presence.watch(alice, 999L);

        assertThat(json(written.get(alice).get(0)).path("type").asText()).isEqualTo("error");
        assertThat(lastViewers(bob)).containsExactly("bob");
        loop.advance();
        assertThat(announced).noneMatch(payload -> payload.contains(" 999 "));
    }

    /** A connection of a user of that name that follows the list. */
    private Follower following(String username) {
        long id = ++connections;
        Follower follower = new Follower(
                new Connection("c" + id), null, id, new CurrentUser(id, username, id, 0), Long.MAX_VALUE, 100);
        followers.add(follower);
        followers.follow(follower, LIST, Position.fromHello(1, 1));
        return follower;
    }

    private void passMillis(long millis) {
        long until = loop.now + millis;
        while (loop.now < until) {
            loop.advance();
        }
    }

    private List<String> lastViewers(Follower follower) {
        List<String> users = new ArrayList<>();
        written.getOrDefault(follower, List.of()).stream()
                .map(PresenceRulesTest::json)
                .filter(message -> message.path("type").asText().equals("presence"))
                .reduce((first, second) -> second)
                .ifPresent(message -> message.path("users").forEach(user -> users.add(user.asText())));
        return users;
    }

    private static JsonNode json(Frame frame) {
        try {
            return new ObjectMapper().readTree(frame.json());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private record Connection(String id) implements CoreStubs.NoSocket {}
}
