package io.livetodo.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.common.CurrentUser;
import io.livetodo.live.SimWorld.SimList;
import io.livetodo.live.wire.Frame;
import io.livetodo.support.GuaranteeCheck.Message;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Delivery's rules one at a time, on the hub's core without a server: the database is
 * {@link SimWorld}, whose reads answer when the test lets them, and a client is the frames its
 * connection was written. {@link DeliverySimulationTest} checks the same rules under random
 * interleavings; these name them.
 */
class DeliveryTest {

    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long DAY = 86_400_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimLoop loop = new SimLoop();
    private final SimWorld world = new SimWorld(Map.of(ALICE, "alice", BOB, "bob"));
    private final List<String> failedReads = new ArrayList<>();
    private final List<String> readsAsked = new ArrayList<>();
    private long connections;
    private long replayBudget = 1_000;
    private final Hub hub = new Hub(
            loop,
            world,
            (follower, frame) -> ((Client) follower.transport).frames.add(frame),
            (what, failure) -> failedReads.add(what),
            CoreStubs.NO_DEPARTURES,
            CoreStubs.placesInMemory(),
            new SimpleMeterRegistry().counter("changes"),
            200);

    @Test
    void aChangeToldOnceReachesEachFollowerWithTheVersionsBeforeIt() {
        SimList groceries = sharedList();
        Client alice = connected(ALICE, Map.of());
        Client bob = connected(BOB, Map.of());
        world.write(groceries, loop.now);
        world.write(groceries, loop.now);
        long last = groceries.version;

        // Only the last one is told: the one before it is read from the log with it.
        tell(groceries, last);

        assertThat(alice.changes()).containsExactly("todo.created " + (last - 1), "todo.created " + last);
        assertThat(bob.changes()).containsExactly("todo.created " + (last - 1), "todo.created " + last);
    }

    @Test
    void aChangeToldAgainOrOutOfOrderIsSentOnce() {
        SimList groceries = sharedList();
        Client bob = connected(BOB, Map.of());
        world.write(groceries, loop.now);
        world.write(groceries, loop.now);
        long last = groceries.version;

        tell(groceries, last);
        tell(groceries, last - 1);
        tell(groceries, last);

        assertThat(bob.changes()).containsExactly("todo.created " + (last - 1), "todo.created " + last);
    }

    @Test
    void theChangesOfAListAreReadOnceForAllItsFollowers() {
        SimList groceries = sharedList();
        connected(ALICE, Map.of());
        connected(BOB, Map.of());
        connected(BOB, Map.of());
        readsAsked.clear();
        world.write(groceries, loop.now);

        tell(groceries, groceries.version);

        assertThat(readsAsked).containsExactly("after(list " + groceries.id + ", v" + (groceries.version - 1) + ")");
    }

    @Test
    void aResumeWithinTheReplayBudgetGetsWhatItMissedAfterHello() {
        SimList groceries = sharedList();
        long seen = groceries.version;
        world.write(groceries, loop.now);
        world.write(groceries, loop.now);

        Client bob = connected(BOB, Map.of(groceries.id, seen));

        assertThat(bob.received())
                .containsExactly(
                        "hello " + groceries.id + "@" + groceries.version,
                        "todo.created " + (seen + 1),
                        "todo.created " + (seen + 2));
    }

    @Test
    void aResumeFurtherBackThanTheReplayBudgetGetsResync() {
        replayBudget = 3;
        SimList groceries = sharedList();
        long seen = groceries.version;
        for (int i = 0; i < 4; i++) {
            world.write(groceries, loop.now);
        }

        Client bob = connected(BOB, Map.of(groceries.id, seen));

        assertThat(bob.received())
                .containsExactly("hello " + groceries.id + "@" + groceries.version, "resync " + groceries.id);
    }

    @Test
    void aResumeFromBeforeTheUserJoinedGetsResyncNotTheChangesBeforeTheirJoin() {
        SimList groceries = world.create(ALICE, loop.now);
        world.write(groceries, loop.now);
        long before = groceries.version;
        world.join(groceries, BOB, loop.now);
        world.write(groceries, loop.now);

        Client bob = connected(BOB, Map.of(groceries.id, before - 1));

        assertThat(bob.received())
                .containsExactly("hello " + groceries.id + "@" + groceries.version, "resync " + groceries.id);
    }

    @Test
    void aRemovedMemberGetsTheirRemovalAndNothingAfterIt() {
        SimList groceries = sharedList();
        Client alice = connected(ALICE, Map.of());
        Client bob = connected(BOB, Map.of());
        world.leave(groceries, BOB, loop.now);
        long removal = groceries.version;
        world.write(groceries, loop.now);

        tell(groceries, groceries.version);
        answerReads();

        assertThat(bob.changes()).containsExactly("member.removed " + removal);
        assertThat(alice.changes()).containsExactly("member.removed " + removal, "todo.created " + groceries.version);
    }

    @Test
    void aUserAddedToAListFollowsItFromTheirMemberAdded() {
        SimList groceries = world.create(ALICE, loop.now);
        world.write(groceries, loop.now);
        Client bob = connected(BOB, Map.of());
        world.join(groceries, BOB, loop.now);
        long joined = groceries.version;

        hub.changed(groceries.id, joined, "bob");
        answerReads();
        world.write(groceries, loop.now);
        tell(groceries, groceries.version);

        assertThat(bob.changes()).containsExactly("member.added " + joined, "todo.created " + groceries.version);
    }

    @Test
    void theConnectionsOfARemovedUserShareTheReadsOfWhetherTheyWereAddedBack() {
        SimList groceries = sharedList();
        sharedList();
        List<Client> bobs = List.of(connected(BOB, Map.of()), connected(BOB, Map.of()), connected(BOB, Map.of()));
        readsAsked.clear();
        world.leave(groceries, BOB, loop.now);
        long removal = groceries.version;
        world.join(groceries, BOB, loop.now);

        // Only the removal is told: the read after it finds Bob added back.
        tell(groceries, removal);

        // One read for the first connection that ended, one for the two that ended while it was on its way.
        String joined = "joined(list " + groceries.id + ", user " + BOB + ")";
        assertThat(readsAsked.stream().filter(read -> read.startsWith("joined")))
                .containsExactly(joined, joined);
        bobs.forEach(bob -> assertThat(bob.changes())
                .containsExactly("member.removed " + removal, "member.added " + groceries.version));
    }

    @Test
    void aFollowerBehindWhatMemoryKeepsReadsTheLogOnItsOwn() {
        SimList groceries = sharedList();
        long seen = groceries.version;
        Client alice = connected(ALICE, Map.of());
        for (int i = 0; i < 300; i++) {
            world.write(groceries, loop.now);
            tell(groceries, groceries.version);
        }
        readsAsked.clear();

        Client bob = connected(BOB, Map.of(groceries.id, seen));

        assertThat(readsAsked).anyMatch(read -> read.startsWith("missed(list " + groceries.id + ", user " + BOB));
        assertThat(bob.changes()).hasSize(300).isEqualTo(alice.changes());
    }

    @Test
    void aFailedReadOfChangesIsReadAgain() {
        SimList groceries = sharedList();
        Client bob = connected(BOB, Map.of());
        world.write(groceries, loop.now);

        hub.changed(groceries.id, groceries.version, null);
        failNextRead();
        for (int i = 0; i < 20 && bob.changes().isEmpty(); i++) {
            loop.advance();
            answerReads();
        }

        assertThat(failedReads).hasSize(1);
        assertThat(bob.changes()).containsExactly("todo.created " + groceries.version);
    }

    @Test
    void anEventStreamWhoseTimeIsUpEndsForItsBrowserToResumeAndTheOthersStay() {
        sharedList();
        Client stream = connected(BOB, Map.of());
        Client socket = connected(BOB, Map.of());
        stream.follower.streamEndsAtMillis = loop.now + 1_000;

        hub.closing().endSilentAndDue(0, loop.now + 999);
        assertThat(stream.closedWith).isNull();
        hub.closing().endSilentAndDue(0, loop.now + 1_000);

        assertThat(stream.closedWith).isEqualTo(Closing.STREAM_RENEWED);
        assertThat(socket.closedWith).isNull();
        assertThat(hub.followers().get(stream.id)).isNull();
        assertThat(hub.followers().get(socket.id)).isNotNull();
    }

    /** A list of Alice's that Bob belongs to, with its first changes (its creation, Bob's joining) behind it. */
    private SimList sharedList() {
        SimList list = world.create(ALICE, loop.now);
        world.join(list, BOB, loop.now);
        return list;
    }

    /** A client that connects, resumes at once from {@code seen}, and has its hello. */
    private Client connected(long user, Map<Long, Long> seen) {
        Client client = new Client("c" + ++connections);
        long session = connections;
        world.activeSessions.add(session);
        client.follower = new Follower(
                client,
                null,
                connections,
                new CurrentUser(user, world.username(user), session, 0),
                loop.now + DAY,
                replayBudget);
        hub.open(client.follower);
        hub.resume(client.follower, seen);
        answerReads();
        assertThat(client.received()).first().asString().startsWith("hello");
        return client;
    }

    private void tell(SimList list, long version) {
        hub.changed(list.id, version, null);
        answerReads();
    }

    /** Answers every read asked, and those asked as they are answered. */
    private void answerReads() {
        while (!world.reads.isEmpty()) {
            SimWorld.Read<?> read = world.reads.remove(0);
            readsAsked.add(read.what);
            read.snapshot();
            read.answer();
        }
    }

    private void failNextRead() {
        SimWorld.Read<?> read = world.reads.remove(0);
        readsAsked.add(read.what);
        read.fail();
    }

    /** A connection as its client sees it: every frame written to it. */
    private final class Client implements CoreStubs.NoSocket {
        final String id;
        final List<Frame> frames = new ArrayList<>();
        Follower follower;
        boolean closed;
        CloseReason closedWith;

        Client(String id) {
            this.id = id;
        }

        /** Every message, as {@code hello list@version...}, {@code <type> <version>} or {@code resync <list>}. */
        List<String> received() {
            return frames.stream().map(this::describe).toList();
        }

        /** The changes received, as {@code <type> <version>}. */
        List<String> changes() {
            return frames.stream()
                    .map(this::message)
                    .filter(message -> message.type().contains("."))
                    .map(message -> message.type() + " " + message.version())
                    .toList();
        }

        private String describe(Frame frame) {
            Message message = message(frame);
            return switch (message.type()) {
                case "hello" ->
                    "hello "
                            + String.join(
                                    " ",
                                    message.lists().entrySet().stream()
                                            .map(list -> list.getKey() + "@" + list.getValue())
                                            .toList());
                case "resync" -> "resync " + message.listId();
                default -> message.type() + " " + message.version();
            };
        }

        private Message message(Frame frame) {
            Change change = world.byFrame.get(frame);
            if (change != null) {
                return new Message(change.type().wire(), change.listId(), change.version(), change.member(), Map.of());
            }
            try {
                return Message.of(JSON.readTree(frame.json()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean isOpen() {
            return !closed;
        }

        @Override
        public Uni<Void> close(CloseReason reason) {
            closed = true;
            closedWith = reason;
            return Uni.createFrom().voidItem();
        }

        @Override
        public void abort(int code, String reason) {
            closed = true;
        }
    }
}
