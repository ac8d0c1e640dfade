package io.livetodo.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.conn.params.ConnRoutePNames;

/** Talks to the running service over HTTP, as a client would. Every user it makes is new. */
public final class Api {

    public static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    public record User(String name, String token) {}

    private Api() {}

    /** The application under test, as RestAssured is pointed at it. */
    public static String base() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    public static String uniqueName(String prefix) {
        return prefix + "_" + Long.toString(System.nanoTime(), 36) + COUNTER.incrementAndGet();
    }

    public static void register(String username) {
        given().contentType(ContentType.JSON)
                .body(credentials(username, PASSWORD))
                .post("/users")
                .then()
                .statusCode(201);
    }

    public static String login(String username) {
        return given().contentType(ContentType.JSON)
                .body(credentials(username, PASSWORD))
                .post("/user")
                .then()
                .statusCode(200)
                .extract()
                .path("session_id");
    }

    /**
     * A new user, registered and logged in through the front page's form: one password hash, where
     * the API's register and log-in take one each. The suites make hundreds of users, and hashing
     * is the most expensive thing the service does.
     */
    public static User newUser() {
        return registeredThroughTheFrontPage(RestAssured::given);
    }

    /** A new user, registered and logged in from the given loopback address. */
    public static User newUserFrom(String address) {
        return registeredThroughTheFrontPage(() -> from(address));
    }

    private static User registeredThroughTheFrontPage(Supplier<RequestSpecification> client) {
        String name = uniqueName("u");
        Response welcome =
                client.get().get("/").then().statusCode(200).extract().response();
        String session = client.get()
                .redirects()
                .follow(false)
                .cookie("visitor", welcome.getCookie("visitor"))
                .formParam("username", name)
                .formParam("password", PASSWORD)
                .formParam("csrf", formToken(welcome.asString()))
                .post("/app/register")
                .then()
                .statusCode(303)
                .extract()
                .cookie("session");
        return new User(name, session);
    }

    /**
     * A request from another client address: every 127.0.0.x is this machine, so a test can be
     * many clients, as the server's per-address limits see them.
     */
    @SuppressWarnings("deprecation")
    public static RequestSpecification from(String address) {
        try {
            InetAddress local = InetAddress.getByName(address);
            return given().config(RestAssured.config()
                    .httpClient(HttpClientConfig.httpClientConfig().setParam(ConnRoutePNames.LOCAL_ADDRESS, local)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    public static RequestSpecification as(User user) {
        // The tutorial's clients see the 303 of a create; following it would hide it.
        return given().redirects()
                .follow(false)
                .header("Authorization", "Bearer " + user.token())
                .contentType(ContentType.JSON);
    }

    public static long createTodo(User user, String name) {
        return idFrom(as(user).body(named(name))
                .post("/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location"));
    }

    public static long createTodo(User user, long listId, String name) {
        return idFrom(as(user).body(named(name))
                .post("/lists/" + listId + "/todos/")
                .then()
                .statusCode(303)
                .extract()
                .header("Location"));
    }

    public static long createList(User user, String name) {
        return as(user).body(named(name))
                .post("/lists")
                .then()
                .statusCode(201)
                .extract()
                .<Number>path("id")
                .longValue();
    }

    public static long personalListId(User user) {
        return as(user).get("/lists")
                .then()
                .statusCode(200)
                .extract()
                .<Number>path("find { it.name == 'Todos' && it.role == 'owner' }.id")
                .longValue();
    }

    public static void share(User owner, long listId, User member) {
        as(owner).put("/lists/" + listId + "/members/" + member.name()).then().statusCode(204);
    }

    /** The form token a page carries in its forms' hidden {@code csrf} field; fails when it has none. */
    public static String formToken(String page) {
        Matcher token = FORM_TOKEN.matcher(page);
        assertThat(token.find()).as("a form token in the page").isTrue();
        return token.group(1);
    }

    public static String credentials(String username, String password) {
        return "{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}";
    }

    /** The change messages a history URL ({@code /lists/{id}/changes...}) answers the user with. */
    public static List<JsonNode> changes(User user, String path) throws Exception {
        String body = as(user).get(path).then().statusCode(200).extract().asString();
        List<JsonNode> changes = new ArrayList<>();
        new ObjectMapper().readTree(body).forEach(changes::add);
        return changes;
    }

    public static String named(String name) {
        return "{\"name\": \"" + name + "\"}";
    }

    private static long idFrom(String location) {
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }
}
