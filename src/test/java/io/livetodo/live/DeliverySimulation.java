package io.livetodo.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.common.CurrentUser;
import io.livetodo.live.SimWorld.Committed;
import io.livetodo.live.SimWorld.Read;
import io.livetodo.live.SimWorld.SimList;
import io.livetodo.live.wire.Frame;
import io.livetodo.support.GuaranteeCheck;
import io.livetodo.support.GuaranteeCheck.Message;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.websockets.next.CloseReason;
import io.smallrye.mutiny.Uni;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One run of the delivery simulation: the real {@link Hub} with no server around it, driven by
 * a scheduler that a seed makes repeatable. Each step picks, at random among what can happen
 * next, one event: a write, a member removed or added back, a list created, deleted or pruned; a
 * change announced, late, twice or not at all (then the feed's sweep tells it); a read taking its
 * snapshot, answering, or failing; a client connecting, resuming (at once, after hello, or never),
 * reading a few frames, closing; the server's side of a close; a connection overflowing its
 * bound of unread frames; the feed reconnecting; a session ending; time passing to the next
 * timer. The database ({@link SimWorld}) and every client are scripted; the hub's reads answer
 * whenever the scheduler says.
 *
 * <p>Every client's messages go through a {@link GuaranteeCheck}. At the end everything still
 * in flight is let through, a last change made to every list, and each connected client must
 * reach it in every list its user belongs to: nothing missing.
 */
final class DeliverySimulation {

    /** How a run ended: the breaches found, and the last events before the end when traced. */
    record Outcome(long seed, List<String> violations, List<String> trace) {}

    private static final long OWNER = 1;
    private static final long SUBJECT = 2;
    private static final long OTHER = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Counter BROADCAST = new SimpleMeterRegistry().counter("simulated.changes.broadcast");
    private static final int TRACED = Integer.getInteger("livetodo.simulation.traced", 80);
    /** Longer than any run: sessions end here only when the scheduler ends them. */
    private static final long SESSION_LIFETIME = 30L * 24 * 3_600_000;

    private final long seed;
    private final Random random;
    private final boolean tracing;
    private final Deque<String> trace = new ArrayDeque<>();
    private final SimLoop loop = new SimLoop();
    private final SimWorld world = new SimWorld(Map.of(OWNER, "owner", SUBJECT, "subject", OTHER, "other"));
    private final List<Committed> announcing = new ArrayList<>();
    private final List<Follower> backedUp = new ArrayList<>();
    private final List<Connection> closedByClients = new ArrayList<>();
    private final List<Device> devices = new ArrayList<>();
    private final List<String> violations = new ArrayList<>();
    private final Hub hub;
    private final long maxReplay;
    private final int maxUnsent;
    private long sequence;
    private long sessions;
    private int connections;
    private boolean settling;

    private DeliverySimulation(long seed, boolean tracing) {
        this.seed = seed;
        this.random = new Random(seed);
        this.tracing = tracing;
        this.maxReplay = new long[] {3, 40, 10_000}[random.nextInt(3)];
        this.maxUnsent = 8 + random.nextInt(40);
        this.hub = new Hub(
                loop,
                world,
                this::write,
                (what, failure) -> trace("read failed: %s", what),
                CoreStubs.NO_DEPARTURES,
                CoreStubs.placesInMemory(),
                BROADCAST,
                200);
    }

    static Outcome run(long seed, int steps, boolean tracing) {
        DeliverySimulation simulation = new DeliverySimulation(seed, tracing);
        simulation.play(steps);
        return new Outcome(seed, simulation.violations, List.copyOf(simulation.trace));
    }

    private void play(int steps) {
        SimList shared = world.create(OWNER, loop.now);
        world.join(shared, SUBJECT, loop.now);
        world.join(shared, OTHER, loop.now);
        SimList churned = world.create(OWNER, loop.now);
        world.join(churned, SUBJECT, loop.now);
        world.create(SUBJECT, loop.now);
        world.committed.clear();
        for (int i = 0; i < 3; i++) {
            devices.add(new Device(SUBJECT));
        }
        devices.add(new Device(OTHER));
        every(1_000, this::sweep);
        every(1_000, hub::tick);
        for (int step = 0; step < steps; step++) {
            step();
        }
        settle();
        for (Device device : devices) {
            device.check
                    .violations()
                    .forEach(violation -> violations.add("device " + device.number + ", " + violation));
        }
    }

    private void step() {
        for (Device device : devices) {
            if (device.connection != null) {
                device.connection.flushed = device.connection.unread.size();
            }
        }
        List<Runnable> choices = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        Consumer<Object[]> add = choice -> {
            weights.add((Integer) choice[0]);
            choices.add((Runnable) choice[1]);
        };
        if (!world.reads.isEmpty()) {
            add.accept(new Object[] {30, (Runnable) this::read});
        }
        if (!announcing.isEmpty()) {
            add.accept(new Object[] {15, (Runnable) this::announce});
        }
        if (!backedUp.isEmpty()) {
            add.accept(new Object[] {5, (Runnable) this::backUp});
        }
        if (!closedByClients.isEmpty()) {
            add.accept(new Object[] {5, (Runnable) this::serverSeesClose});
        }
        for (Device device : devices) {
            if (device.connection == null) {
                add.accept(new Object[] {4, (Runnable) device::connect});
                continue;
            }
            if (!device.connection.unread.isEmpty() || device.connection.closedByServer) {
                add.accept(new Object[] {6, (Runnable) device::read});
            }
            if (!device.connection.inbound.isEmpty()) {
                add.accept(new Object[] {5, (Runnable) device.connection::serverReads});
            }
            add.accept(new Object[] {1, (Runnable) device::close});
        }
        add.accept(new Object[] {3, (Runnable) this::tick});
        add.accept(new Object[] {8, (Runnable) this::write});
        add.accept(new Object[] {8, (Runnable) this::churn});
        add.accept(new Object[] {1, (Runnable) this::createList});
        add.accept(new Object[] {1, (Runnable) this::deleteList});
        add.accept(new Object[] {1, (Runnable) this::prune});
        add.accept(new Object[] {1, (Runnable) this::feedReconnects});
        add.accept(new Object[] {1, (Runnable) this::endSession});
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        int pick = random.nextInt(total);
        for (int i = 0; i < choices.size(); i++) {
            pick -= weights.get(i);
            if (pick < 0) {
                choices.get(i).run();
                return;
            }
        }
    }

    /**
     * Lets everything in flight through, without failures or losses, after one last change to
     * every list; then every connected client must have reached that change in each list its
     * user belongs to.
     */
    private void settle() {
        settling = true;
        for (SimList list : world.lists.values()) {
            if (!list.deleted) {
                world.write(list, loop.now);
                announcing.add(world.committed.get(world.committed.size() - 1));
            }
        }
        // Past the feed's sweeps of everything committed: an announcement lost is told again by one.
        long sweptAll = loop.now + 6_000;
        for (int round = 0; round < 200_000; round++) {
            if (!world.reads.isEmpty()) {
                read();
            } else if (!announcing.isEmpty()) {
                announce();
            } else if (!backedUp.isEmpty()) {
                backUp();
            } else if (!closedByClients.isEmpty()) {
                serverSeesClose();
            } else if (!busyDevice()) {
                if (loop.now > sweptAll
                        && loop.onlyPeriodic()
                        && devices.stream().allMatch(d -> d.connection != null && d.greeted())) {
                    break;
                }
                tick();
            }
        }
        for (Device device : devices) {
            for (SimList list : world.lists.values()) {
                if (list.members.containsKey(device.user) && !device.check.reached(list.id, list.version)) {
                    violations.add("device %d of %s never reached version %d of list %d (its client: %s; %s)"
                            .formatted(
                                    device.number,
                                    world.username(device.user),
                                    list.version,
                                    list.id,
                                    device.check.describe(list.id),
                                    device.place(list.id)));
                }
            }
        }
    }

    private boolean busyDevice() {
        for (Device device : devices) {
            if (device.connection == null) {
                device.connect();
                return true;
            }
            if (!device.connection.inbound.isEmpty()) {
                device.connection.serverReads();
                return true;
            }
            if (!device.connection.unread.isEmpty() || device.connection.closedByServer) {
                device.read();
                return true;
            }
        }
        return false;
    }

    private void read() {
        Read<?> read = world.reads.get(random.nextInt(world.reads.size()));
        if (!read.taken) {
            read.snapshot();
            trace("read: %s", read);
            return;
        }
        world.reads.remove(read);
        if (!settling && random.nextInt(50) == 0) {
            trace("read fails: %s", read.what);
            read.fail();
        } else {
            trace("read answers: %s", read.what);
            read.answer();
        }
    }

    /** Mostly in commit order, not always: announcements travel over different connections. */
    private void announce() {
        Committed change = announcing.remove(random.nextInt(Math.min(3, announcing.size())));
        int fate = settling ? 10 : random.nextInt(20);
        if (fate == 0) {
            trace("announcement of list %d version %d lost", change.listId(), change.version());
            return;
        }
        trace(
                "announced: list %d version %d%s",
                change.listId(), change.version(), change.joined() == null ? "" : " joins " + change.joined());
        hub.changed(change.listId(), change.version(), change.joined());
        if (fate == 1) {
            announcing.add(change);
        }
    }

    /** The change feed's sweep: what was committed in the last five seconds is told again. */
    private void sweep() {
        List<Committed> recent = new ArrayList<>();
        for (int i = world.committed.size() - 1;
                i >= 0 && world.committed.get(i).atMillis() > loop.now - 5_000;
                i--) {
            recent.add(0, world.committed.get(i));
        }
        trace("sweep tells %d changes again", recent.size());
        Map<Long, Long> newest = new java.util.TreeMap<>();
        for (Committed change : recent) {
            newest.merge(change.listId(), change.version(), Math::max);
            if (change.joined() != null) {
                hub.changed(change.listId(), change.version(), change.joined());
            }
        }
        newest.forEach((listId, version) -> hub.changed(listId, version, null));
    }

    private void backUp() {
        List<Follower> full = List.copyOf(backedUp);
        backedUp.clear();
        trace("outbox: %d connections backed up", full.size());
        hub.backedUp(full);
    }

    private void serverSeesClose() {
        Connection connection = closedByClients.remove(0);
        Follower follower = hub.followers().get(connection.id());
        if (follower != null) {
            hub.closing().remove(follower);
        }
    }

    private void tick() {
        loop.advance();
    }

    private void write() {
        List<SimList> open =
                world.lists.values().stream().filter(list -> !list.deleted).toList();
        SimList list = open.get(random.nextInt(open.size()));
        world.write(list, loop.now);
        committed("write to list %d", list.id);
    }

    /** The subject is removed from one of the owner's lists, or added back. */
    private void churn() {
        List<SimList> owned = world.lists.values().stream()
                .filter(list -> !list.deleted && list.owner == OWNER)
                .toList();
        if (owned.isEmpty()) {
            return;
        }
        SimList list = owned.get(random.nextInt(owned.size()));
        long user = random.nextInt(4) == 0 ? OTHER : SUBJECT;
        if (list.members.containsKey(user)) {
            world.leave(list, user, loop.now);
            committed("%s removed from list %d", world.username(user), list.id);
        } else {
            world.join(list, user, loop.now);
            committed("%s added to list %d", world.username(user), list.id);
        }
    }

    private void createList() {
        long owner = random.nextBoolean() ? OWNER : SUBJECT;
        SimList list = world.create(owner, loop.now);
        committed("list %d created by %s", list.id, world.username(owner));
    }

    private void deleteList() {
        List<SimList> open =
                world.lists.values().stream().filter(list -> !list.deleted).toList();
        if (open.size() > 2) {
            SimList list = open.get(random.nextInt(open.size()));
            world.delete(list, loop.now);
            committed("list %d deleted", list.id);
        }
    }

    private void prune() {
        List<SimList> open = world.lists.values().stream()
                .filter(list -> !list.deleted && list.version - list.pruned > 3)
                .toList();
        if (!open.isEmpty()) {
            SimList list = open.get(random.nextInt(open.size()));
            list.pruned += 1 + random.nextInt((int) (list.version - list.pruned - 2));
            trace("list %d pruned up to version %d", list.id, list.pruned);
        }
    }

    private void feedReconnects() {
        trace("the change feed listens again");
        hub.missedChanges();
    }

    private void endSession() {
        Device device = devices.get(random.nextInt(devices.size()));
        trace("device %d: its session ends", device.number);
        world.activeSessions.remove(device.session);
        hub.closing().endSession(device.session);
        device.session = ++sessions;
        world.activeSessions.add(device.session);
    }

    private void committed(String what, Object... args) {
        Committed change = world.committed.get(world.committed.size() - 1);
        announcing.add(change);
        trace(what + " (version " + change.version() + ")", args);
    }

    /** The hub's frame writer: queues the frame unless the client's unread frames are at the bound. */
    private void write(Follower follower, Frame frame) {
        Connection connection = (Connection) follower.transport;
        if (connection.closedByServer || connection.closedByClient || connection.overflowed) {
            return;
        }
        if (connection.flushed >= maxUnsent) {
            connection.overflowed = true;
            backedUp.add(follower);
            return;
        }
        connection.unread.add(frame);
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

    private void every(long millis, Runnable task) {
        loop.periodic(millis, task);
    }

    private void trace(String format, Object... args) {
        if (tracing) {
            trace.add("t=" + loop.now + " " + format.formatted(args));
            if (trace.size() > TRACED) {
                trace.removeFirst();
            }
        }
    }

    /** One of a user's devices: one connection at a time, and what it holds between them. */
    private final class Device {
        final int number = devices.size() + 1;
        final long user;
        final GuaranteeCheck check;
        long session = ++sessions;
        Connection connection;

        Device(long user) {
            this.user = user;
            this.check = new GuaranteeCheck(
                    world.username(user), maxReplay, (listId, after) -> world.gone(user, listId, after));
            world.activeSessions.add(session);
        }

        boolean greeted() {
            return connection.follower.greeted();
        }

        /** Where the hub has this device's connection in the list, for a failure's message. */
        String place(long listId) {
            Follower follower = connection.follower;
            Position position = follower.position(listId);
            if (position == null) {
                return "the hub does not have its connection follow the list; its last span ended at "
                        + follower.endedAt(listId);
            }
            return "the hub has its connection at version %d, from %d, joined at %d%s"
                    .formatted(
                            position.sent, position.start, position.joined, position.catchingUp ? ", catching up" : "");
        }

        /** Opens a connection; its client resumes at once, after hello, or never. */
        void connect() {
            connection = new Connection(this);
            connection.number = check.opened();
            Follower follower = new Follower(
                    connection,
                    null,
                    ++sequence,
                    new CurrentUser(user, world.username(user), session, 0),
                    loop.now + SESSION_LIFETIME,
                    maxReplay);
            connection.follower = follower;
            int how = settling ? 0 : random.nextInt(10);
            trace(
                    "device %d connects (%s), resuming %s",
                    number, connection.id(), how < 8 ? "at once" : how < 9 ? "after hello" : "never");
            hub.open(follower);
            if (how < 8) {
                resume();
            } else {
                connection.resumeAfterHello = how < 9;
            }
        }

        void resume() {
            Map<Long, Long> from = check.resumePoint();
            check.resumed(connection.number, from);
            Connection sent = connection;
            trace("device %d sends resume %s", number, from);
            connection.inbound.add(follower -> hub.resume(follower, from));
            sent.resumeAfterHello = false;
        }

        void read() {
            Connection reading = connection;
            for (int i = settling ? 1_000 : 1 + random.nextInt(4); i > 0 && !reading.unread.isEmpty(); i--) {
                Message message = message(reading.unread.poll());
                trace(
                        "device %d reads %s",
                        number,
                        message.type().equals("hello")
                                ? "hello " + message.lists()
                                : message.type() + " of list " + message.listId() + " v" + message.version());
                check.received(reading.number, message);
                if (message.version() > 0 && !world.mayReceive(user, message.listId(), message.version())) {
                    violations.add("device %d (%s) received %s version %d of list %d, made while they were not a member"
                            .formatted(
                                    number, world.username(user), message.type(), message.version(), message.listId()));
                }
                if (message.type().equals("hello") && reading.resumeAfterHello) {
                    resume();
                } else if (message.type().equals("resync")) {
                    reload(message.listId());
                }
            }
            if (reading.unread.isEmpty() && reading.closedByServer) {
                trace("device %d sees its connection closed", number);
                check.closed(reading.number);
                connection = null;
            }
        }

        /** What a client does on resync: it reads the list over HTTP, if its user still belongs to it. */
        void reload(long listId) {
            SimList list = world.lists.get(listId);
            if (list.members.containsKey(user)) {
                trace("device %d reloads list %d at version %d", number, listId, list.version);
                check.reloaded(connection.number, listId, list.version);
            } else {
                trace("device %d finds list %d gone", number, listId);
                check.lost(connection.number, listId);
            }
        }

        void close() {
            trace("device %d closes its connection", number);
            check.closed(connection.number);
            connection.closedByClient = true;
            closedByClients.add(connection);
            connection = null;
        }
    }

    /** A connection as both ends see it: frames the client has not read, messages the server has not read. */
    private final class Connection implements CoreStubs.NoSocket {
        final String id = "c" + ++connections;
        final Device device;
        final Deque<Frame> unread = new ArrayDeque<>();
        final Deque<Consumer<Follower>> inbound = new ArrayDeque<>();
        int number;
        Follower follower;
        boolean resumeAfterHello;
        boolean closedByServer;
        boolean closedByClient;
        boolean overflowed;
        /**
         * Unread frames queued before this step: like the outbox, the bound is checked before each
         * burst of frames, and a burst (one step's) is queued whole.
         */
        int flushed;

        Connection(Device device) {
            this.device = device;
        }

        /** The server reads the client's next message, as LiveHub passes it on: to a registered connection only. */
        void serverReads() {
            Consumer<Follower> message = inbound.poll();
            if (hub.followers().get(id) == follower && !closedByClient) {
                message.accept(follower);
            }
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public boolean isOpen() {
            return !closedByServer && !closedByClient;
        }

        @Override
        public Uni<Void> close(CloseReason reason) {
            trace("server closes %s: %s", id, reason.getMessage());
            closedByServer = true;
            return Uni.createFrom().voidItem();
        }

        @Override
        public void abort(int code, String reason) {
            trace("server aborts %s: %s", id, reason);
            closedByServer = true;
        }
    }
}
