package io.livetodo.common;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErrorFormatTest {

    @Test
    void unknownRoutesAnswerJson404() {
        isJsonError(given().get("/no/such/thing").then(), 404);
        isJsonError(given().get("/q/no-such-thing").then(), 404);
    }

    @Test
    void wrongMethodsAnswerJson405() {
        User user = newUser();
        isJsonError(as(user).put("/todos/").then(), 405);
        isJsonError(as(user).post("/lists/1/members").then(), 405);
    }

    @Test
    void wrongMediaTypesAnswerJson415() {
        User user = newUser();
        isJsonError(
                as(user).contentType(ContentType.XML)
                        .body("<todo/>")
                        .post("/todos/")
                        .then(),
                415);
    }

    @Test
    void malformedUpgradeProtocolHeadersAnswerJson400() {
        User user = newUser();
        for (String path : new String[] {"/live", "/", "/todos/"}) {
            for (String protocol : new String[] {
                "quarkus-http-upgrade", "quarkus-http-upgrade#Authorization", "livetodo, quarkus-http-upgrade#%zz#x"
            }) {
                isJsonError(
                        as(user).header("Sec-WebSocket-Protocol", protocol)
                                .get(path)
                                .then(),
                        400);
            }
        }
    }

    @Test
    void bodiesOver64KiBAnswerJson413() {
        User user = newUser();
        String huge = "{\"name\": \"" + "x".repeat(70 * 1024) + "\"}";
        isJsonError(as(user).body(huge).post("/todos/").then(), 413)
                .body("error", equalTo("The request body is larger than 64 KiB."));
        as(user).get("/todos/").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void chunkedBodiesOver64KiBAnswerJson413Too() throws Exception {
        User user = newUser();
        byte[] huge = ("{\"name\": \"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/todos/"))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                // A stream of unknown length is sent chunked, without Content-Length.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.body()).contains("\"error\"");
        as(user).get("/todos/").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void chunkedBodiesUnderTheLimitAreReadWhole() throws Exception {
        User user = newUser();
        // Longer than the REST layer's input buffer (10 KiB), under the limit.
        byte[] padded = ("{\"name\": \"Padded\"}" + " ".repeat(20 * 1024)).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/lists"))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(padded)))
                .build();
        HttpResponse<String> response = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).contains("\"name\":\"Padded\"");
    }

    @Test
    void malformedJsonAnswers400AndUnauthenticatedAnswers401() {
        User user = newUser();
        isJsonError(as(user).body("{\"name\": \"x\"").post("/todos/").then(), 400);
        isJsonError(given().get("/todos/").then(), 401);
    }

    @Test
    void everyRouteButRegisterAndLogInNeedsASession() {
        for (String route : new String[] {
            "GET /user",
            "DELETE /user",
            "GET /user/sessions",
            "GET /user/export",
            "POST /user/import",
            "DELETE /user/sessions/1",
            "GET /lists",
            "POST /lists",
            "GET /lists/1",
            "PATCH /lists/1",
            "DELETE /lists/1",
            "GET /lists/1/members",
            "PUT /lists/1/members/someone",
            "DELETE /lists/1/members/someone",
            "GET /lists/1/todos/",
            "POST /lists/1/todos/",
            "GET /todos/",
            "POST /todos/",
            "GET /todos/1",
            "PATCH /todos/1",
            "DELETE /todos/1"
        }) {
            String[] parts = route.split(" ");
            isJsonError(
                    given().contentType(ContentType.JSON)
                            .body("{\"name\": \"x\"}")
                            .request(parts[0], parts[1])
                            .then(),
                    401);
        }
    }

    @Test
    void validationErrorsAnswer422WithDetails() {
        User user = newUser();
        isJsonError(as(user).body("{\"name\": \"\"}").post("/todos/").then(), 422)
                .body("details[0].field", equalTo("name"))
                .body("details[0].message", notNullValue());
    }

    private static ValidatableResponse isJsonError(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(ContentType.JSON)
                .body(
                        "error",
                        allOf(notNullValue(), not(containsString("Exception")), not(containsString("io.livetodo"))));
    }
}
