package io.livetodo.common;

import static io.livetodo.Api.as;
import static io.livetodo.Api.createTodo;
import static io.livetodo.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.livetodo.Api.User;
import io.livetodo.UnreliablePostgres;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

@QuarkusIntegrationTest
@WithTestResource(UnreliablePostgres.class)
class DatabaseOutageIT {

    @Test
    void whileTheDatabaseIsDownRequestsAnswer503AndTheServiceRecoversByItself() {
        User user = newUser();
        createTodo(user, "before the outage");

        UnreliablePostgres.proxy().cut();
        try {
            as(user).get("/todos/").then().statusCode(503)
                    .contentType(ContentType.JSON)
                    .header("Retry-After", notNullValue())
                    .body("error", notNullValue());
            as(user).body("{\"name\": \"during the outage\"}").post("/todos/").then().statusCode(503);
            given().get("/q/health/ready").then().statusCode(503);
            given().get("/q/health/live").then().statusCode(200);
        } finally {
            UnreliablePostgres.proxy().restore();
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> as(user).get("/todos/").statusCode() == 200);
        as(user).get("/todos/").then().body("", hasSize(1)).body("[0].name", equalTo("before the outage"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
    }
}
