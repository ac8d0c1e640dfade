package io.livetodo.common;

import static io.livetodo.support.Api.credentials;
import static io.livetodo.support.Api.uniqueName;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OperationsTest {

    @Test
    void healthChecksReportLivenessAndTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Reactive PostgreSQL connections health check")))
                .body("checks.name", hasItem("livetodo change feed"));
    }

    /** The mechanism, and that pinged live connections outlast it, is IdleConnectionTest's; this is the default. */
    @Test
    void idleHttpConnectionsAreClosedAfterAMinuteNotHalfAnHour() {
        assertThat(ConfigProvider.getConfig().getValue("quarkus.http.idle-timeout", Duration.class))
                .isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void metricsAreExposedForPrometheus() {
        given().contentType("application/json")
                .body(credentials(uniqueName("nobody"), "wrong password"))
                .post("/user")
                .then()
                .statusCode(401);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("http_server_requests_seconds_count"))
                .body(containsString("livetodo_login_failures_total"));
    }

    @Test
    void theOpenApiDocumentCoversEveryEndpoint() {
        String doc = given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String path : new String[] {
            "/users",
            "/user",
            "/user/sessions",
            "/user/sessions/{id}",
            "/lists",
            "/lists/{id}",
            "/lists/{id}/members",
            "/lists/{id}/members/{username}",
            "/lists/{id}/todos",
            "/lists/{id}/changes",
            "/todos",
            "/todos/{id}"
        }) {
            assertThat(doc).contains("\"" + path + "\"");
        }
        assertThat(doc)
                .contains("\"410\"")
                .contains("\"412\"")
                .contains("\"429\"")
                .contains("\"303\"")
                .contains("#/components/schemas/Error")
                .contains("Mark every todo of a list finished or unfinished")
                .contains("Delete the finished todos of a list");
    }

    @Test
    void everyWriteButLogInAndRegistrationDocumentsTheIdempotencyKey() {
        JsonPath doc = given().accept("application/json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(doc.getList("paths.'/todos'.post.parameters.name")).contains("Idempotency-Key");
        assertThat(doc.getList("paths.'/lists/{id}/members/{username}'.put.parameters.name"))
                .contains("Idempotency-Key");
        assertThat(doc.getList("paths.'/todos/{id}'.get.parameters.name")).doesNotContain("Idempotency-Key");
        assertThat(doc.<Object>getList("paths.'/users'.post.parameters")).isNull();
    }
}
