package io.livetodo.deploy;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.livetodo.support.Api.User;
import io.livetodo.support.AppProcess;
import io.livetodo.support.LiveClient;
import io.restassured.RestAssured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Tracing as docs/operations.md turns it on: the packaged application exports its spans over
 * OTLP/HTTP to a collector (here a small receiver in the test, reading the protobuf wire format),
 * and logs the live fan-out of a change with the trace of the write that made it.
 */
@Tag("shipping")
class TracingIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NAME = "traced";

    private static EmbeddedPostgres postgres;
    private static HttpServer collector;
    private static final List<Span> exported = new CopyOnWriteArrayList<>();
    private static AppProcess app;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readAllBytes();
                if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
                }
                exported.addAll(Span.allIn(bytes));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        app = AppProcess.launch(
                NAME,
                "postgresql://localhost:" + postgres.getPort() + "/postgres",
                Map.of(
                        "QUARKUS_OTEL_SDK_DISABLED", "false",
                        "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT",
                                "http://127.0.0.1:" + collector.getAddress().getPort(),
                        "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                        "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
                        "QUARKUS_LOG_CATEGORY__IO_LIVETODO_LIVE_FANOUT__LEVEL", "DEBUG"));
        app.awaitReady(Duration.ofSeconds(60));
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = app.port();
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aWriteIsOneTraceWithItsDatabaseStatementsAndTheFanOutNamesIt() throws Exception {
        User user = newUser();
        try (LiveClient live = LiveClient.connect(app.baseUrl(), user)) {
            live.next();
            String trace = hex(16);
            as(user).header("traceparent", "00-" + trace + "-" + hex(8) + "-01")
                    .body(named("Traced"))
                    .post("/todos/")
                    .then()
                    .statusCode(303);
            assertThat(live.next().path("type").asText()).isEqualTo("todo.created");

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<Span> ofTrace = exported.stream()
                        .filter(span -> span.trace.equals(trace))
                        .toList();
                Span server = ofTrace.stream()
                        .filter(span -> span.kind == Span.SERVER)
                        .findFirst()
                        .orElseThrow();
                assertThat(server.name).startsWith("POST");
                // The create is one statement, which OpenTelemetry names by its first part: the
                // list's lock, a SELECT.
                assertThat(ofTrace)
                        .as("the write's statement, under its request")
                        .anyMatch(span -> span.kind == Span.CLIENT
                                && span.name.startsWith("SELECT")
                                && span.parent.equals(server.id));
            });
            // An update takes the entity path, in a transaction: its change names its own trace too.
            String update = hex(16);
            long id = as(user).get("/todos/").then().extract().jsonPath().getLong("find { it.name == 'Traced' }.id");
            as(user).header("traceparent", "00-" + update + "-" + hex(8) + "-01")
                    .body("{\"finished\": true}")
                    .patch("/todos/" + id)
                    .then()
                    .statusCode(204);
            assertThat(live.next().path("type").asText()).isEqualTo("todo.updated");
            Path log = Path.of("target", "app-" + NAME + ".log");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(log).contains("(trace " + trace + ")")
                            && Files.readString(log).contains("(trace " + update + ")"));
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /**
     * A span as OTLP sends it (opentelemetry/proto/trace/v1/trace.proto): ExportTraceServiceRequest
     * holds ResourceSpans (field 1), each ScopeSpans (field 2), each Spans (field 2), each with
     * trace_id (1), span_id (2), parent_span_id (4), name (5) and kind (6).
     */
    private record Span(String trace, String id, String parent, String name, long kind) {

        static final long SERVER = 2;
        static final long CLIENT = 3;

        static List<Span> allIn(byte[] request) {
            List<Span> spans = new ArrayList<>();
            for (byte[] resourceSpans : fields(request, 1)) {
                for (byte[] scopeSpans : fields(resourceSpans, 2)) {
                    for (byte[] span : fields(scopeSpans, 2)) {
                        spans.add(new Span(
                                hexOf(first(span, 1)),
                                hexOf(first(span, 2)),
                                hexOf(first(span, 4)),
                                new String(first(span, 5), StandardCharsets.UTF_8),
                                varint(span, 6)));
                    }
                }
            }
            return spans;
        }

        private static String hexOf(byte[] bytes) {
            return HexFormat.of().formatHex(bytes);
        }

        private static byte[] first(byte[] message, int field) {
            List<byte[]> found = fields(message, field);
            return found.isEmpty() ? new byte[0] : found.get(0);
        }

        /** The length-delimited values of one field of a protobuf message. */
        private static List<byte[]> fields(byte[] message, int wanted) {
            List<byte[]> found = new ArrayList<>();
            Reader in = new Reader(message);
            while (in.more()) {
                long key = in.varint();
                int field = (int) (key >>> 3);
                switch ((int) (key & 7)) {
                    case 0 -> in.varint();
                    case 1 -> in.skip(8);
                    case 5 -> in.skip(4);
                    case 2 -> {
                        byte[] value = in.bytes((int) in.varint());
                        if (field == wanted) {
                            found.add(value);
                        }
                    }
                    default -> throw new IllegalArgumentException("unexpected wire type in " + key);
                }
            }
            return found;
        }

        private static long varint(byte[] message, int wanted) {
            Reader in = new Reader(message);
            while (in.more()) {
                long key = in.varint();
                switch ((int) (key & 7)) {
                    case 0 -> {
                        long value = in.varint();
                        if ((key >>> 3) == wanted) {
                            return value;
                        }
                    }
                    case 1 -> in.skip(8);
                    case 5 -> in.skip(4);
                    case 2 -> in.skip((int) in.varint());
                    default -> throw new IllegalArgumentException("unexpected wire type in " + key);
                }
            }
            return 0;
        }
    }

    private static final class Reader {
        private final byte[] data;
        private int at;

        Reader(byte[] data) {
            this.data = data;
        }

        boolean more() {
            return at < data.length;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = data[at++];
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        void skip(int count) {
            at += count;
        }

        byte[] bytes(int count) {
            byte[] value = Arrays.copyOfRange(data, at, at + count);
            at += count;
            return value;
        }
    }
}
