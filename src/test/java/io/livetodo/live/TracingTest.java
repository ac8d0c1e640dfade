package io.livetodo.live;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.livetodo.support.Api.User;
import io.livetodo.support.CollectedSpans;
import io.livetodo.support.LiveClient;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** A write is one trace, with its database statements, and the live fan-out names it. */
@QuarkusTest
class TracingTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    CollectedSpans spans;

    @Test
    void aRequestIsOneTraceWithItsDatabaseStatements() {
        User user = newUser();
        String trace = hex(16);
        as(user).header("traceparent", traceparent(trace)).body(named("Traced")).post("/todos/").then().statusCode(303);

        await().untilAsserted(() -> {
            List<SpanData> ofTrace = spans.ofTrace(trace);
            assertThat(ofTrace).as("spans of %s", trace)
                    .anyMatch(span -> span.getKind() == SpanKind.SERVER && span.getName().startsWith("POST"))
                    .anyMatch(span -> span.getKind() == SpanKind.CLIENT
                            && "postgres".equals(span.getAttributes().get(AttributeKey.stringKey("db.system")))
                            && span.getName().startsWith("INSERT"));
        });
    }

    @Test
    void theLiveFanOutNamesTheTraceOfTheWriteThatMadeTheChange() throws Exception {
        User user = newUser();
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getParameters() == null ? record.getMessage()
                        : String.format(record.getMessage(), record.getParameters())));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        // DEBUG for this test only: the suite's thousands of changes would fill its output.
        Logger fanout = Logger.getLogger("io.livetodo.live.fanout");
        Level level = fanout.getLevel();
        fanout.setLevel(Level.FINE);
        fanout.addHandler(handler);
        try (LiveClient live = LiveClient.connect(RestAssured.baseURI + ":" + RestAssured.port, user)) {
            live.next();
            String trace = hex(16);
            as(user).header("traceparent", traceparent(trace)).body(named("Fanned out")).post("/todos/").then().statusCode(303);
            assertThat(live.next().path("type").asText()).isEqualTo("todo.created");
            await().untilAsserted(() -> assertThat(lines).anyMatch(line -> line.contains("(trace " + trace + ")")));
        } finally {
            fanout.removeHandler(handler);
            fanout.setLevel(level);
        }
    }

    private static String traceparent(String trace) {
        return "00-" + trace + "-" + hex(8) + "-01";
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
