package io.livetodo.list;

import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.livetodo.support.Api.User;
import io.livetodo.support.LowLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6a: a busy list never stalls other lists' requests. The profile's pool has six
 * connections; a list's row is held locked from outside (as a long bulk change would hold it)
 * while more writers than that pile up on it, and a write to another list still goes through.
 */
@QuarkusTest
@TestProfile(LowLimits.class)
@Tag("abuse")
class ListWriteGateTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    AgroalDataSource database;

    @Test
    void writersPiledOnABusyListLeaveTheOtherListsTheirConnections() throws Exception {
        User busy = newUser();
        User other = newUser();
        long hot = createList(busy, "Busy");
        long quiet = createList(other, "Quiet");
        List<CompletableFuture<HttpResponse<String>>> piled = new ArrayList<>();
        try (Connection lock = database.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement sql = lock.createStatement()) {
                sql.execute("select 1 from todo_list where id = " + hot + " for update");
            }
            for (int i = 0; i < 12; i++) {
                piled.add(HTTP.sendAsync(
                        write(busy, "PATCH", "/lists/" + hot, "waiting " + i), HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(500);
            assertThat(piled).as("the busy list's writers wait for its lock").noneMatch(CompletableFuture::isDone);

            HttpResponse<String> elsewhere = HTTP.send(
                    write(other, "POST", "/lists/" + quiet + "/todos/", "not held up"),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(elsewhere.statusCode())
                    .as("a write to another list, while the busy one is locked")
                    .isEqualTo(303);
            assertThat(piled).as("the busy list is still locked").noneMatch(CompletableFuture::isDone);
            lock.rollback();
        }
        for (CompletableFuture<HttpResponse<String>> writer : piled) {
            assertThat(writer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    private static HttpRequest write(User user, String method, String path, String name) {
        return HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\"}"))
                .build();
    }
}
