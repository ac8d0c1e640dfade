package io.livetodo.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.livetodo.change.ChangeLog.Recorded;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6a: every committed change is announced, however long its announcement has to wait. The
 * sweep finds only the last few seconds' changes, so an announcement that fails must be sent
 * again until it is sent, and in commit order. No server: the bus fails as the database would.
 */
@Tag("abuse")
class ChangeAnnouncerTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<String> published = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger attempts = new AtomicInteger();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void changesWhoseAnnouncementFailsAreAnnouncedLaterOnceEachInCommitOrder() {
        int failures = 3;
        ClusterBus bus = (topic, payloads) -> {
            assertThat(topic).isEqualTo(ClusterBus.Topic.CHANGES);
            if (attempts.incrementAndGet() <= failures) {
                return Uni.createFrom().failure(new IllegalStateException("the server refused the NOTIFY"));
            }
            published.addAll(payloads);
            return Uni.createFrom().voidItem();
        };
        ChangeAnnouncer announcer = new ChangeAnnouncer(vertx.getOrCreateContext(), bus, null, 0);

        announcer.announce(changes(7, 1, 3));
        announcer.announce(changes(8, 1, 2));
        await().pollDelay(Duration.ofMillis(1_500)).until(() -> attempts.get() >= 2);
        announcer.announce(changes(7, 4, 4));

        await().atMost(Duration.ofSeconds(10)).until(() -> published.size() == 6);
        assertThat(published).containsExactly("7:1", "7:2", "7:3", "8:1", "8:2", "7:4");
        assertThat(attempts.get()).as("three refused, then sent").isGreaterThan(failures);
    }

    private static List<Recorded> changes(long listId, long from, long to) {
        return LongStream.rangeClosed(from, to)
                .mapToObj(version -> new Recorded(listId, version, null))
                .toList();
    }
}
