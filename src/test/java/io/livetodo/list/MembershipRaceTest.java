package io.livetodo.list;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6, membership is checked under the lock: no write of a removed member lands after their removal. */
@QuarkusTest
@Tag("abuse")
class MembershipRaceTest {

    @Inject
    AgroalDataSource database;

    @Inject
    ListGates gates;

    @Test
    void writesQueuedBehindARemovalFailAndNoneGetsAVersionAfterIt() throws Exception {
        User owner = newUser();
        User member = newUser();
        long list = createList(owner, "Contested");
        share(owner, list, member);
        long todo = idFrom(as(member)
                .body(named("theirs"))
                .post("/lists/" + list + "/todos/")
                .header("Location"));

        CompletableFuture<Integer> removal;
        List<CompletableFuture<Integer>> writes = new ArrayList<>();
        try (Connection holder = database.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("select 1 from todo_list where id = " + list + " for no key update");
            removal = CompletableFuture.supplyAsync(() -> as(owner)
                    .delete("/lists/" + list + "/members/" + member.name())
                    .statusCode());
            awaitWaiting(1, 0);
            for (int i = 0; i < 4; i++) {
                String name = "queued " + i;
                writes.add(CompletableFuture.supplyAsync(() -> as(member)
                        .body(named(name))
                        .post("/lists/" + list + "/todos/")
                        .statusCode()));
            }
            writes.add(CompletableFuture.supplyAsync(() -> as(member)
                    .body("{\"finished\": true}")
                    .patch("/todos/" + todo)
                    .statusCode()));
            writes.add(CompletableFuture.supplyAsync(
                    () -> as(member).delete("/todos/" + todo).statusCode()));
            awaitWaiting(ListGates.RUNNING, 7 - ListGates.RUNNING);
            holder.commit();
        }

        assertThat(removal.get()).isEqualTo(204);
        for (CompletableFuture<Integer> write : writes) {
            assertThat(write.get()).isEqualTo(404);
        }
        assertThat(changesAfterRemovalBy(list, member.name())).isEmpty();
    }

    /**
     * Waits until this many requests wait for a lock in the database and this many for their turn
     * at the list's gate, before it (the gate lets only a few writes of one list at the database).
     */
    private void awaitWaiting(int forTheLock, int atTheGate) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    try (Connection connection = database.getConnection();
                            ResultSet rows = connection
                                    .createStatement()
                                    .executeQuery(
                                            "select count(*) from pg_stat_activity where wait_event_type = 'Lock'")) {
                        rows.next();
                        return rows.getInt(1) >= forTheLock && gates.waiting() >= atTheGate;
                    }
                });
    }

    private List<String> changesAfterRemovalBy(long list, String username) throws SQLException {
        List<String> changes = new ArrayList<>();
        try (Connection connection = database.getConnection();
                ResultSet rows = connection.createStatement().executeQuery("""
                        select c.version, c.type from change_log c
                         where c.list_id = %d and c.data->>'updated_by' = '%s'
                           and c.version > (select version from change_log where list_id = %d and type = 'member.removed')
                        """.formatted(list, username, list))) {
            while (rows.next()) {
                changes.add(rows.getLong(1) + " " + rows.getString(2));
            }
        }
        return changes;
    }

    private static long idFrom(String location) {
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }
}
