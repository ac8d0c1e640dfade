package io.livetodo.live;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.livetodo.support.Api.register;
import static io.livetodo.support.Api.share;
import static io.livetodo.support.Api.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.support.Api.User;
import io.livetodo.support.AppProcess;
import io.livetodo.support.EventClient;
import io.livetodo.support.GuaranteeCheck;
import io.livetodo.support.LiveClient;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** Two instances of the packaged application sharing one PostgreSQL, as behind a load balancer. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {

    private static EmbeddedPostgres postgres;
    private static AppProcess first;
    private static AppProcess second;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        // Both start at once; the first migrates the database, the second waits for its lock.
        first = AppProcess.launch("first", dbUrl(), Map.of());
        second = AppProcess.launch("second", dbUrl(), Map.of());
        first.awaitReady(Duration.ofSeconds(60));
        second.awaitReady(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, postgres}) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @BeforeEach
    void talkToTheFirstInstance() {
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = first.port();
    }

    @Test
    void guarantee4_aChangeMadeThroughOneInstanceReachesClientsOfTheOtherInOrder() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        try (LiveClient onSecond = LiveClient.connect(second.baseUrl(), user)) {
            long start = LiveClient.versionIn(onSecond.next(), list);
            for (int i = 0; i < 20; i++) {
                createTodo(user, "made on the first " + i);
            }
            List<JsonNode> received = onSecond.next(20);
            assertThat(received)
                    .extracting(m -> m.path("version").asLong())
                    .containsExactlyElementsOf(LongStream.rangeClosed(start + 1, start + 20)
                            .boxed()
                            .toList());
            LiveClient.nothingElseArrives(onSecond, user);
        }
    }

    /**
     * Guarantees 1 and 2 under membership churn, on two instances: a member of a thousand lists
     * has forty devices, thirty of them connected throughout and ten reconnecting to one instance
     * or the other every second or two and resuming at once, while the owner of a shared list
     * removes them and adds them back, twenty times a second, and writes to the list. Every
     * device's stream goes through the {@link GuaranteeCheck}, and each reaches the last change
     * once the churn stops.
     */
    @Test
    void guarantees1And2_holdForAMemberRemovedAndAddedBackRepeatedlyWhileTheirConnectionsReconnect() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Churned");
        share(owner, list, member);
        ExecutorService creators = Executors.newFixedThreadPool(4);
        for (int i = 1; i < 1_000; i++) {
            String name = "Mine " + i;
            creators.submit(() -> createList(member, name));
        }
        creators.shutdown();
        assertThat(creators.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            devices.add(new Device(member, i, i >= 30));
        }
        devices.forEach(Thread::start);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> devices.stream().allMatch(device -> device.connections.get() > 0));

        long churnUntil = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        Thread writes = new Thread(() -> {
            for (int i = 0; System.nanoTime() < churnUntil; i++) {
                createTodo(owner, list, "during the churn " + i);
            }
        });
        writes.start();
        boolean isMember = true;
        while (System.nanoTime() < churnUntil) {
            if (isMember) {
                as(owner)
                        .delete("/lists/" + list + "/members/" + member.name())
                        .then()
                        .statusCode(204);
            } else {
                share(owner, list, member);
            }
            isMember = !isMember;
            Thread.sleep(25);
        }
        writes.join();
        if (!isMember) {
            share(owner, list, member);
        }
        createTodo(owner, list, "after the churn");
        long last = as(owner)
                .get("/lists/" + list)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("version");

        devices.forEach(device -> device.settling = true);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(devices)
                        .allSatisfy(device -> assertThat(device.check.reached(list, last))
                                .as(
                                        "reached version %d: %s; %s",
                                        last, device.check.describe(list), device.check.violations())
                                .isTrue()));
        devices.forEach(Device::finish);
        long reconnects =
                devices.stream().mapToLong(device -> device.connections.get()).sum();
        assertThat(reconnects).as("connections opened in all").isGreaterThan(devices.size() + 30L);
        for (Device device : devices) {
            device.check.assertHeld();
        }
    }

    /**
     * One of a user's devices: a connection at a time, to either instance in turn. One that
     * reconnects closes each after a second or two (until the churn is over), the next resuming at
     * once from what the device holds.
     */
    private static final class Device extends Thread {

        private final User user;
        private final GuaranteeCheck check;
        private final Random random;
        private final boolean reconnects;
        private final AtomicLong connections = new AtomicLong();
        private int turn;
        private volatile boolean settling;
        private volatile boolean finished;

        Device(User user, int number, boolean reconnects) {
            this.user = user;
            this.turn = number;
            this.reconnects = reconnects;
            this.random = new Random(number);
            this.check = LiveClient.checkFor(first.baseUrl(), user);
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!finished) {
                AppProcess instance = turn++ % 2 == 0 ? first : second;
                try (LiveClient live = LiveClient.connect(instance.baseUrl(), user, check)) {
                    connections.incrementAndGet();
                    long closeAt = System.nanoTime()
                            + Duration.ofMillis(1_000 + random.nextInt(1_000)).toNanos();
                    while (!finished && !live.isClosed() && (settling || !reconnects || System.nanoTime() < closeAt)) {
                        live.poll(Duration.ofMillis(20));
                    }
                } catch (Exception | AssertionError breach) {
                    // Asserted once the devices are done, with the check's other findings.
                }
            }
        }

        void finish() {
            finished = true;
            try {
                join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * An instance announces a change after its commit; this one waits a minute to, and is killed
     * in between. The other instances find the change in the log themselves.
     */
    @Test
    void aChangeWhoseWriterDiesBeforeAnnouncingItReachesTheOtherInstanceWithinSeconds() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        try (AppProcess dying = AppProcess.launch(
                        "dies-before-announcing", dbUrl(), Map.of("LIVETODO_LIVE_ANNOUNCE_LINGER", "PT1M"));
                LiveClient onSecond = LiveClient.connect(second.baseUrl(), user)) {
            dying.awaitReady(Duration.ofSeconds(60));
            long start = LiveClient.versionIn(onSecond.next(), list);
            as(user).port(dying.port())
                    .body(Map.of("name", "written just before a crash"))
                    .post("/todos/")
                    .then()
                    .statusCode(303);
            dying.kill();
            long killed = System.nanoTime();
            JsonNode change = onSecond.next();
            assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(3));
            assertThat(change.path("type").asText()).isEqualTo("todo.created");
            assertThat(change.path("version").asLong()).isEqualTo(start + 1);
            assertThat(change.path("data").path("name").asText()).isEqualTo("written just before a crash");
            LiveClient.nothingElseArrives(onSecond, user);
        }
    }

    /** Presence (SPEC §7) across instances: this third one pings every four seconds, and is killed. */
    @Test
    void aViewerOnAnotherInstanceAppearsAndIsGoneWithinAPingIntervalOfThatInstanceDying() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Across");
        share(owner, list, member);
        try (AppProcess dying = AppProcess.launch("presence", dbUrl(), Map.of("LIVETODO_LIVE_PING_INTERVAL", "PT4S"));
                LiveClient onFirst = LiveClient.connect(first.baseUrl(), owner)) {
            dying.awaitReady(Duration.ofSeconds(60));
            try (LiveClient onDying = LiveClient.connect(dying.baseUrl(), member)) {
                onFirst.next();
                onDying.next();
                onFirst.send(PresenceTest.watch(list));
                assertThat(PresenceTest.viewers(onFirst.next(), list)).containsExactly(owner.name());
                onDying.send(PresenceTest.watch(list));
                assertThat(PresenceTest.viewers(onFirst.next(), list))
                        .containsExactlyElementsOf(PresenceTest.names(owner, member));

                dying.kill();
                long killed = System.nanoTime();
                assertThat(PresenceTest.viewers(onFirst.next(), list)).containsExactly(owner.name());
                assertThat(Duration.ofNanos(System.nanoTime() - killed))
                        .as("within one ping interval of the instance that died")
                        .isLessThan(Duration.ofSeconds(4));
            }
        }
    }

    @Test
    void acceptsOfOneInviteOnBothInstancesAtOnceNeverPassItsMaxUses() throws Exception {
        User owner = newUser();
        long list = createList(owner, "Four seats");
        String token = as(owner)
                .body("{\"max_uses\": 4}")
                .post("/lists/" + list + "/invites")
                .then()
                .statusCode(201)
                .extract()
                .path("token");
        List<User> guests = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            guests.add(newUser());
        }
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Callable<Integer>> accepts = new ArrayList<>();
            for (int i = 0; i < guests.size(); i++) {
                User guest = guests.get(i);
                int port = i % 2 == 0 ? first.port() : second.port();
                accepts.add(() -> as(guest)
                        .port(port)
                        .post("/invites/" + token + "/accept")
                        .statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(accepts)) {
                statuses.add(status.get());
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(4);
            assertThat(statuses).filteredOn(status -> status == 410).hasSize(8);
        } finally {
            pool.shutdownNow();
        }
        as(owner).get("/lists/" + list + "/members").then().body("size()", equalTo(5));
    }

    @Test
    void loggingOutOnOneInstanceClosesTheSessionsConnectionsOnTheOtherWithinASecond() throws Exception {
        User user = newUser();
        try (LiveClient onSecond = LiveClient.connect(second.baseUrl(), user)) {
            onSecond.next();
            as(user).delete("/user").then().statusCode(200);
            assertThat(onSecond.closeCode(Duration.ofSeconds(1))).isEqualTo(1008);
        }
        given().port(second.port())
                .header("Authorization", user.token())
                .get("/user")
                .then()
                .statusCode(401);
    }

    @Test
    void anEventStreamOnOneInstanceGetsChangesMadeOnTheOtherAndEndsWithinASecondOfLoggingOutThere() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        try (EventClient onSecond = EventClient.connect(second.baseUrl(), user)) {
            long start = LiveClient.versionIn(onSecond.next(), list);
            createTodo(user, "through the first");
            JsonNode change = onSecond.next();
            assertThat(change.path("version").asLong()).isEqualTo(start + 1);
            assertThat(change.path("data").path("name").asText()).isEqualTo("through the first");

            as(user).delete("/user").then().statusCode(200);
            assertThat(onSecond.endsWithin(Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void anApiTokenRevokedOnOneInstanceEndsItsStreamOnTheOtherWithinASecondAndIsRefusedThere() throws Exception {
        User user = newUser();
        JsonPath made = as(user).body("{\"name\": \"bot\", \"scope\": \"read\"}")
                .post("/user/tokens")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath();
        User bot = new User(user.name(), made.getString("token"));
        try (EventClient onSecond = EventClient.connect(second.baseUrl(), bot)) {
            onSecond.next();
            as(user).delete("/user/tokens/" + made.getLong("id")).then().statusCode(204);
            assertThat(onSecond.endsWithin(Duration.ofSeconds(1))).isTrue();
        }
        given().port(second.port())
                .header("Authorization", "Bearer " + bot.token())
                .get("/todos/")
                .then()
                .statusCode(401);
    }

    /** A browser's stream reconnects through the balancer, to either instance: the other resumes it from the last event's id. */
    @Test
    void anEventStreamCutOnOneInstanceResumesOnTheOtherFromItsLastEventId() throws Exception {
        User user = newUser();
        long other = createList(user, "Other");
        String lastSeen;
        try (EventClient onFirst = EventClient.connect(first.baseUrl(), user)) {
            onFirst.next();
            createTodo(user, other, "seen");
            onFirst.next();
            lastSeen = onFirst.lastEventId();
        }
        createTodo(user, "missed 1");
        createTodo(user, other, "missed 2");
        try (EventClient onSecond = EventClient.connect(second.baseUrl(), user, "", lastSeen)) {
            assertThat(onSecond.next().path("type").asText()).isEqualTo("hello");
            assertThat(onSecond.next(2))
                    .extracting(m -> m.path("data").path("name").asText())
                    .containsExactlyInAnyOrder("missed 1", "missed 2");
            createTodo(user, other, "after the resume");
            assertThat(onSecond.next().path("data").path("name").asText()).isEqualTo("after the resume");
        }
    }

    @Test
    void aSessionEndedOnOneInstanceIsRefusedByTheOtherWithinASecond() throws Exception {
        User user = newUser();
        given().port(second.port())
                .header("Authorization", user.token())
                .get("/user")
                .then()
                .statusCode(200);
        as(user).delete("/user").then().statusCode(200);
        long deadline = System.currentTimeMillis() + 1_000;
        int status = 200;
        while (status == 200 && System.currentTimeMillis() < deadline) {
            status = given().port(second.port())
                    .header("Authorization", user.token())
                    .get("/user")
                    .then()
                    .extract()
                    .statusCode();
        }
        assertThat(status).isEqualTo(401);
    }

    @Test
    void aWriteAcknowledgedByOneInstanceIsReplayedByTheOtherForTheSameKey() {
        User user = newUser();
        String key = UUID.randomUUID().toString();
        String location = as(user).header("Idempotency-Key", key)
                .body(named("Stamps"))
                .post("/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location");

        as(user).port(second.port())
                .header("Idempotency-Key", key)
                .body(named("Stamps"))
                .post("/todos/")
                .then()
                .statusCode(303)
                .header("Location", location)
                .header("Idempotent-Replayed", "true");
        assertThat(as(user).get("/todos/").jsonPath().getList("name")).containsExactly("Stamps");
    }

    @Test
    void logInLimitsAreCountedForEveryInstanceTogether() {
        String name = uniqueName("shared");
        register(name);
        for (int i = 0; i < 5; i++) {
            given().contentType(ContentType.JSON)
                    .body(credentials(name, "wrong password"))
                    .post("/user")
                    .then()
                    .statusCode(401);
        }
        given().port(second.port())
                .contentType(ContentType.JSON)
                .body(credentials(name, "wrong password"))
                .post("/user")
                .then()
                .statusCode(429);
    }

    /** Last: it stops the second instance. */
    @Test
    @Order(Integer.MAX_VALUE)
    void guarantee6_onShutdownOpenConnectionsAreClosedWithGoingAway() throws Exception {
        User user = newUser();
        try (LiveClient client = LiveClient.connect(second.baseUrl(), user)) {
            client.next();
            second.stop();
            assertThat(client.closeCode(Duration.ofSeconds(10))).isEqualTo(1001);
        }
    }

    private static String dbUrl() {
        return "postgresql://localhost:" + postgres.getPort() + "/postgres";
    }
}
