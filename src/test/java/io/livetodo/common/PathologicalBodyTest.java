package io.livetodo.common;

import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6, linear-time input checks: no body, however shaped, can hold up the event loops. */
@QuarkusTest
@Tag("abuse")
class PathologicalBodyTest {

    /** Just under the 64 KiB body limit, so that every body reaches the checks. */
    private static final int SIZE = 64 * 1024 - 64;

    @Test
    void eightConcurrentPathologicalBodiesAreRefusedQuicklyWhileHealthStaysFast() throws Exception {
        User user = newUser();
        long todo = createTodo(user, "target");
        String nameEndingInNul = "{\"name\": \"" + "a".repeat(SIZE - 20) + "\\u0000\"}";
        String spacesEndingInNul = "{\"name\": \"" + " ".repeat(SIZE - 20) + "\\u0000\"}";
        List<HttpRequest> bodies = List.of(
                json(user, "POST", "/lists", nameEndingInNul),
                json(user, "POST", "/lists", spacesEndingInNul),
                json(user, "POST", "/todos/", nameEndingInNul),
                json(user, "PATCH", "/todos/" + todo, nameEndingInNul),
                json(user, "PATCH", "/lists/1", spacesEndingInNul),
                json(user, "POST", "/todos/", "[".repeat(SIZE)),
                json(user, "POST", "/todos/", "{\"name\": \"x\", \"finished\": " + "1".repeat(SIZE - 40) + "}"),
                json(user, "POST", "/todos/", "{" + "\"a\":1,".repeat(SIZE / 6 - 1) + "\"name\":\"x\\u0000\"}"));
        HttpClient client = HttpClient.newHttpClient();
        // Each body once on its own first, so the measured round is not the JIT's first sight of them.
        for (HttpRequest body : bodies) {
            client.send(body, HttpResponse.BodyHandlers.discarding());
        }

        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Long> slowestHealth = CompletableFuture.supplyAsync(() -> slowestHealthCheck(client, done));
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (HttpRequest body : bodies) {
            answers.add(client.sendAsync(body, HttpResponse.BodyHandlers.ofString()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            HttpResponse<String> response = answer.get();
            statuses.add(response.statusCode());
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        done.set(true);

        assertThat(statuses).allSatisfy(status -> assertThat(status).isBetween(400, 499));
        assertThat(tookMillis).as("all eight answered within 2 s").isLessThan(2_000);
        assertThat(slowestHealth.get()).as("slowest /q/health/live, in ms").isLessThan(200);
    }

    private static long slowestHealthCheck(HttpClient client, AtomicBoolean done) {
        HttpRequest health = HttpRequest.newBuilder(uri("/q/health/live")).build();
        long slowest = 0;
        do {
            long start = System.nanoTime();
            try {
                client.send(health, HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            slowest = Math.max(slowest, (System.nanoTime() - start) / 1_000_000);
        } while (!done.get());
        return slowest;
    }

    private static HttpRequest json(User user, String method, String path, String body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static URI uri(String path) {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
    }
}
