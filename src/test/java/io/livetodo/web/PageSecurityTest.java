package io.livetodo.web;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.named;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.livetodo.support.Api;
import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** What protects the pages, checked over plain HTTP. */
@QuarkusTest
class PageSecurityTest {

    @Test
    void pagesSendTheSecurityHeaders() {
        for (String path : new String[] {"/", "/static/live.js", "/static/style.css", "/sw.js"}) {
            given().get(path)
                    .then()
                    .statusCode(200)
                    .header("Content-Security-Policy", containsString("script-src 'self'"))
                    .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "same-origin");
        }
    }

    @Test
    void theServiceWorkerIsASameOriginScriptThePolicyAlreadyAllows() {
        // worker-src falls back to script-src 'self': the policy needs nothing new for it.
        given().get("/sw.js")
                .then()
                .statusCode(200)
                .contentType(containsString("javascript"))
                .header("Content-Security-Policy", not(containsString("worker-src")));
    }

    @Test
    void loggingOutFromAPageClearsWhatTheBrowserKeptForTheUser() {
        User user = newUser();
        String page = withCookie(user).get("/").then().statusCode(200).extract().asString();
        withCookie(user)
                .redirects()
                .follow(false)
                .formParam("csrf", Api.formToken(page))
                .post("/app/logout")
                .then()
                .statusCode(303)
                .header("Clear-Site-Data", "\"storage\"");
        given().header("Authorization", user.token()).get("/user").then().statusCode(401);
    }

    @Test
    void thePagesHoldNoInlineScript() {
        User user = newUser();
        for (String path :
                new String[] {"/", "/app/lists/" + personalListId(user), "/app/today", "/app/search?q=milk"}) {
            String html =
                    withCookie(user).get(path).then().statusCode(200).extract().asString();
            assertThat(html).doesNotContainPattern("<script(?![^>]*\\bsrc=)").doesNotContain(" on" + "click=");
        }
        String visitor = given().get("/").then().statusCode(200).extract().asString();
        assertThat(visitor).doesNotContain("<script");
    }

    @Test
    void aFormWithoutTheTokenIsRefusedAndChangesNothing() {
        User user = newUser();
        long list = personalListId(user);
        withCookie(user)
                .formParam("name", "forged")
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(403)
                .contentType(containsString("text/html"))
                .body(containsString("out of date"));
        withCookie(user)
                .accept("application/json")
                .formParam("name", "forged")
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(403)
                .contentType("application/json")
                .body("error", containsString("out of date"));
        withCookie(user)
                .formParam("name", "forged")
                .formParam("csrf", "not-the-token")
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(403);
        String otherUsersToken = token(withCookie(newUser()).get("/"));
        withCookie(user)
                .formParam("name", "forged")
                .formParam("csrf", otherUsersToken)
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(403);
        as(user).get("/todos/").then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void aCookieRequestFromAnotherSiteIsRefusedEvenWithTheToken() {
        User user = newUser();
        long list = personalListId(user);
        String token = token(withCookie(user).get("/"));
        withCookie(user)
                .header("Sec-Fetch-Site", "same-site")
                .formParam("name", "forged")
                .formParam("csrf", token)
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(403)
                .body("error", containsString("other sites"));
        withCookie(user)
                .header("Origin", "http://evil.example")
                .contentType("application/json")
                .body(named("forged"))
                .post("/todos/")
                .then()
                .statusCode(403);
        withCookie(user)
                .header("Origin", "http://evil.example")
                .delete("/user")
                .then()
                .statusCode(403);
        upgradeFromAnotherSite(user).get("/live").then().statusCode(403);
        as(user).get("/todos/").then().statusCode(200).body("size()", equalTo(0));
        as(user).header("Origin", "http://evil.example")
                .body(named("sent with a token"))
                .post("/todos/")
                .then()
                .statusCode(303);
    }

    @Test
    void anotherSiteCannotOpenTheLiveConnectionOnTheCookieByNamingATokenItDoesNotHave() {
        User user = newUser();
        for (String offered : new String[] {
            "livetodo, xquarkus-http-upgrade#Authorization#x",
            "livetodo, quarkus-http-upgrade#Authorization#%20",
            "livetodo, quarkus-http-upgrade#Authorization#Bearer%20",
            "livetodo, quarkus-http-upgrade#Authorization#"
        }) {
            int status = upgradeFromAnotherSite(user)
                    .header("Sec-WebSocket-Protocol", offered)
                    .get("/live")
                    .statusCode();
            assertThat(status).as(offered).isIn(400, 401, 403);
        }
        withCookie(user).header("Authorization", " ").get("/user").then().statusCode(401);
        withCookie(user).header("Authorization", "Bearer ").get("/user").then().statusCode(401);
        withCookie(user).get("/user").then().statusCode(200);
    }

    @Test
    void theSameSiteFormWithItsTokenWorksWithoutScript() {
        User user = newUser();
        long list = personalListId(user);
        String token = token(withCookie(user).get("/app/lists/" + list));
        withCookie(user)
                .header("Sec-Fetch-Site", "same-origin")
                .formParam("name", "Bread")
                .formParam("csrf", token)
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(303)
                .header("Location", endsWith("/app/lists/" + list));
        String page = withCookie(user)
                .formParam("name", "Bread")
                .formParam("csrf", token)
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(409)
                .contentType(containsString("text/html"))
                .extract()
                .asString();
        assertThat(page).contains("role=\"alert\"").contains("already");
        withCookie(user)
                .accept("application/json")
                .formParam("name", " ")
                .formParam("csrf", token)
                .post("/app/lists/" + list + "/todos")
                .then()
                .statusCode(422)
                .contentType("application/json")
                .body("details[0].field", equalTo("name"));
        as(user).get("/todos/")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].name", equalTo("Bread"));
    }

    @Test
    void logInNeedsTheVisitorCookieItsFormWasMadeFor() {
        User user = newUser();
        given().redirects()
                .follow(false)
                .formParam("username", user.name())
                .formParam("password", Api.PASSWORD)
                .formParam("csrf", "anything")
                .post("/app/login")
                .then()
                .statusCode(403);
        Response welcome = given().get("/");
        String visitor = welcome.getCookie("visitor");
        assertThat(welcome.getDetailedCookie("visitor").isHttpOnly()).isTrue();
        Response login = given().redirects()
                .follow(false)
                .cookie("visitor", visitor)
                .formParam("username", user.name())
                .formParam("password", Api.PASSWORD)
                .formParam("csrf", token(welcome))
                .post("/app/login");
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.getDetailedCookie("session").isHttpOnly()).isTrue();
        assertThat(login.getDetailedCookie("session").getSameSite()).isEqualTo("Lax");
        assertThat(login.getDetailedCookie("session").isSecured()).isFalse();
        given().cookie("session", login.getCookie("session"))
                .get("/")
                .then()
                .statusCode(200)
                .body(containsString("Your lists"))
                .header("Cache-Control", "no-store");
    }

    @Test
    void aListPageIsOnlyForItsMembers() {
        User owner = newUser();
        User stranger = newUser();
        long list = personalListId(owner);
        createTodo(owner, "private");
        String page = withCookie(stranger)
                .get("/app/lists/" + list)
                .then()
                .statusCode(404)
                .extract()
                .asString();
        assertThat(page).doesNotContain("private");
        given().redirects()
                .follow(false)
                .get("/app/lists/" + list)
                .then()
                .statusCode(303)
                .header("Location", endsWith("/"));
    }

    @Test
    void badFormInputIsRefusedWithA4xxAndChangesNothing() {
        User user = newUser();
        long list = personalListId(user);
        long todo = createTodo(user, "keep");
        String token = token(withCookie(user).get("/app/lists/" + list));
        String[][] posts = {
            {"/app/lists/" + list + "/todos", "csrf", token},
            {"/app/lists/" + list + "/todos", "name", "x".repeat(256), "csrf", token},
            {"/app/lists/" + list + "/todos/" + todo + "/finished", "finished", "maybe", "csrf", token},
            {"/app/lists/" + list + "/todos/" + todo + "/finished", "csrf", token},
            {"/app/lists/" + list + "/todos/" + todo + "/rename", "name", "", "csrf", token},
            {"/app/lists/" + list + "/members", "username", "", "csrf", token},
            {"/app/lists/" + list + "/members", "username", "nobody_" + user.name(), "csrf", token},
            {"/app/lists/" + list + "/delete", "csrf", token},
            {"/app/lists/" + list + "/todos/" + (todo + 100000) + "/delete", "csrf", token},
            {"/app/lists/abc/todos", "name", "x", "csrf", token},
            {"/app/lists/" + list + "/todos/abc/delete", "csrf", token},
            {"/app/lists", "csrf", token},
        };
        for (String[] post : posts) {
            RequestSpecification request = withCookie(user).accept("application/json");
            for (int i = 1; i < post.length; i += 2) {
                request.formParam(post[i], post[i + 1]);
            }
            int status = request.post(post[0])
                    .then()
                    .contentType("application/json")
                    .extract()
                    .statusCode();
            assertThat(status).as(String.join(" ", post)).isBetween(400, 499);
        }
        for (String[] post : posts) {
            RequestSpecification request = withCookie(user);
            for (int i = 1; i < post.length; i += 2) {
                request.formParam(post[i], post[i + 1]);
            }
            int status = request.post(post[0]).statusCode();
            assertThat(status).as("without script: " + String.join(" ", post)).isBetween(400, 499);
        }
        withCookie(user)
                .contentType("application/json")
                .body("{}")
                .post("/app/lists")
                .then()
                .statusCode(415);
        as(user).get("/todos/")
                .then()
                .statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].name", equalTo("keep"))
                .body("[0].finished", equalTo(false));
    }

    /** A WebSocket handshake as a page on another site would make it; an accepted one would hang, so it times out. */
    private static RequestSpecification upgradeFromAnotherSite(User user) {
        return withCookie(user)
                .config(RestAssured.config()
                        .httpClient(HttpClientConfig.httpClientConfig().setParam("http.socket.timeout", 5000)))
                .header("Origin", "http://evil.example")
                .header("Connection", "Upgrade")
                .header("Upgrade", "websocket")
                .header("Sec-WebSocket-Version", "13")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
    }

    private static RequestSpecification withCookie(User user) {
        return given().redirects().follow(false).cookie("session", user.token());
    }

    private static String token(Response page) {
        return Api.formToken(page.then().statusCode(200).extract().asString());
    }
}
