package io.livetodo.account;

import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** SPEC §6, bounded password hashing: a flood of log-ins is answered at once beyond the bound. */
@QuarkusTest
@Tag("abuse")
class HashingFloodTest {

    @Test
    void threeHundredConcurrentLogInsAreAllAnsweredWhileTheEventLoopsStayResponsive() throws Exception {
        java.net.http.HttpClient health = java.net.http.HttpClient.newHttpClient();
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Long> slowestHealth = CompletableFuture.supplyAsync(() -> slowestHealthCheck(health, done));
        Vertx vertx = Vertx.vertx();
        long start = System.nanoTime();
        List<Integer> statuses;
        List<String> retryAfters;
        try {
            List<Future<HttpClientResponse>> pending = new ArrayList<>();
            for (int address = 0; address < 60; address++) {
                // Five per address, so that the per-address limit leaves every one of them to the hasher.
                HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setLocalAddress("127.0.0." + (100 + address))
                        .setMaxPoolSize(5));
                for (int i = 0; i < 5; i++) {
                    pending.add(client.request(HttpMethod.POST, RestAssured.port, "localhost", "/user")
                            .compose(request -> request.putHeader("Content-Type", "application/json")
                                    .send(credentials(uniqueName("flood"), "wrong password"))));
                }
            }
            List<HttpClientResponse> answers = Future.all(pending)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(60, TimeUnit.SECONDS)
                    .list();
            statuses = answers.stream().map(HttpClientResponse::statusCode).toList();
            retryAfters = answers.stream()
                    .filter(answer -> answer.statusCode() == 503)
                    .map(answer -> answer.getHeader("Retry-After"))
                    .toList();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        done.set(true);

        assertThat(tookMillis).as("every answer within 20 s").isLessThan(20_000);
        assertThat(statuses).hasSize(300).containsOnly(401, 503);
        assertThat(retryAfters).as("Retry-After of each 503").isNotEmpty().doesNotContainNull();
        // Two cores serve the flood, its client, PostgreSQL and the health checks here: a request
        // waits behind the burst's share of its event loop, but never behind the hashing.
        assertThat(slowestHealth.get()).as("slowest /q/health/live, in ms").isLessThan(1_000);
    }

    private static long slowestHealthCheck(java.net.http.HttpClient client, AtomicBoolean done) {
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/q/health/live"))
                .build();
        long slowest = 0;
        do {
            long start = System.nanoTime();
            try {
                client.send(health, HttpResponse.BodyHandlers.discarding());
                Thread.sleep(20);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            slowest = Math.max(slowest, (System.nanoTime() - start - 20_000_000) / 1_000_000);
        } while (!done.get());
        return slowest;
    }
}
