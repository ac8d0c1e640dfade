package io.livetodo.todo;

import static io.livetodo.support.Api.as;
import static io.livetodo.support.Api.base;
import static io.livetodo.support.Api.changes;
import static io.livetodo.support.Api.createList;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.share;
import static io.livetodo.todo.ExportTest.names;
import static io.livetodo.todo.ExportTest.todo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.support.Api.User;
import io.livetodo.support.LiveClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * SPEC §9, import: an export's lists become new lists of the importer's, in one transaction; a
 * malformed document is a 422 naming the first thing wrong with it, and writes nothing.
 */
@QuarkusTest
class ImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length: *(\\d+)");

    @Test
    void anExportImportedByAnotherUserMakesNewListsOfTheirsWithTheSameTodosInTheSameOrder() throws Exception {
        User owner = newUser();
        User bob = newUser();
        long plans = createList(owner, "Plans");
        share(owner, plans, bob);
        todo(
                owner,
                plans,
                "{\"name\": \"Call\", \"notes\": \"Ask about\\nthe roof\", \"assignee\": \"" + bob.name()
                        + "\", \"due\": {\"date\": \"2026-12-24\", \"time\": \"18:30\", \"time_zone\": \"Europe/Paris\"}}");
        todo(
                owner,
                plans,
                "{\"name\": \"Bake\", \"assignee\": \"" + owner.name() + "\", \"due\": {\"date\": \"2026-12-23\"}}");
        long sweep = todo(owner, plans, "{\"name\": \"Sweep\", \"finished\": true}");
        as(owner)
                .body("{\"after\": null}")
                .post("/todos/" + sweep + "/move")
                .then()
                .statusCode(200);
        String document =
                as(owner).get("/user/export").then().statusCode(200).extract().asString();

        JsonPath made = as(bob).body(document)
                .post("/user/import")
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();

        assertThat(made.getList("lists.name")).containsExactly("Todos", "Plans");
        assertThat(made.getList("lists.todos", Integer.class)).containsExactly(0, 3);
        long copy = made.getLong("lists[1].id");
        assertThat(copy).isNotEqualTo(plans);
        as(bob).get("/lists/" + copy).then().body("owner", equalTo(bob.name())).body("role", equalTo("owner"));
        as(bob).get("/lists/" + copy + "/members").then().body("username", contains(bob.name()));

        JsonNode todos = JSON.readTree(as(bob).get("/lists/" + copy + "/todos/")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(names(todos)).as("the document's order").containsExactly("Sweep", "Call", "Bake");
        assertThat(todos.get(0).path("finished").asBoolean()).isTrue();
        JsonNode call = todos.get(1);
        assertThat(call.path("assignee").asText())
                .as("assigned to the importer: kept")
                .isEqualTo(bob.name());
        assertThat(call.path("notes").asText()).isEqualTo("Ask about\nthe roof");
        assertThat(call.path("due").path("at").asText()).isEqualTo("2026-12-24T17:30:00Z");
        assertThat(call.path("created_by").asText()).isEqualTo(bob.name());
        assertThat(call.path("version").asInt()).isEqualTo(1);
        JsonNode bake = todos.get(2);
        assertThat(bake.path("assignee").isNull())
                .as("assigned to someone else: dropped")
                .isTrue();
        assertThat(bake.path("due").path("date").asText()).isEqualTo("2026-12-23");

        as(owner).get("/lists/" + plans + "/todos/").then().body("size()", equalTo(3));
    }

    @Test
    void aMalformedDocumentIs422NamingTheFirstOffendingPathAndWritesNothing() {
        User user = newUser();
        String listsBefore = as(user).get("/lists").then().extract().asString();
        String fine = "{\"name\": \"Fine\", \"todos\": [{\"name\": \"a\"}]}, ";
        String[][] refused = {
            {"not JSON at all", "$"},
            {document(fine + "{\"name\": \"b\", \"todos\": [{\"name\": oops}]}"), "lists[1].todos[0].name"},
            {"[]", "$"},
            {"{\"livetodo_export\": 2, \"lists\": []}", "livetodo_export"},
            {"{\"lists\": []}", "livetodo_export"},
            {"{\"livetodo_export\": 1}", "lists"},
            {
                document(fine + "{\"name\": \"b\", \"todos\": [{\"name\": \"x\"}, {\"finished\": true}]}"),
                "lists[1].todos[1].name"
            },
            {
                document(fine
                        + "{\"name\": \"b\", \"todos\": [{\"name\": \"x\", \"due\": {\"date\": \"2026-02-30\"}}]}"),
                "lists[1].todos[0].due"
            },
            {document("{\"name\": \"" + "n".repeat(256) + "\"}"), "lists[0].name"},
            {
                document(fine
                        + "{\"name\": \"b\", \"todos\": [{\"name\": \"x\"}, {\"name\": \"y\"}, {\"name\": \"x\"}]}"),
                "lists[1].todos[2].name"
            },
            {
                document(
                        fine + "{\"name\": \"b\", \"todos\": [{\"name\": \"x\", \"due\": \"soon\"}]}, {\"todos\": []}"),
                "lists[1].todos[0].due"
            },
            {document(fine + "{\"name\": \"b\", \"todos\": {\"name\": \"x\"}}"), "lists[1].todos"},
            {document("{\"name\": \"b\", \"todos\": [{\"name\": \"x\", \"notes\": 7}]}"), "lists[0].todos[0].notes"},
            {
                document("{\"name\": \"b\", \"todos\": [{\"name\": \"x\", \"finished\": \"yes\"}]}"),
                "lists[0].todos[0].finished"
            },
        };
        for (String[] document : refused) {
            as(user).body(document[0])
                    .post("/user/import")
                    .then()
                    .statusCode(422)
                    .contentType(ContentType.JSON)
                    .body("details.field", contains(document[1]));
        }
        assertThat(as(user).get("/lists").then().extract().asString())
                .as("the user's lists, unchanged")
                .isEqualTo(listsBefore);
    }

    @Test
    void aDocumentOverTheImportLimitIs413AndOneUnderItIsTakenThoughOverTheGeneralLimit() throws Exception {
        User user = newUser();
        // Whitespace is JSON too: documents of any size, which only the limit refuses.
        String roomy = document("{\"name\": \"Roomy\"}") + " ".repeat(1024 * 1024);
        as(user).body(roomy).post("/user/import").then().statusCode(201).body("lists.name", contains("Roomy"));
        HttpResponse<String> chunked = postChunked(user, roomy);
        assertThat(chunked.statusCode()).as("sent chunked").isEqualTo(201);

        String declared = declaringOnly(user, 5 * 1024 * 1024 + 1);
        assertThat(declared).as("answered from the declared length").startsWith("HTTP/1.1 413");
        assertThat(declared)
                .contains("application/json")
                .endsWith("{\"error\":\"The request body is larger than 5 MiB.\"}");
        HttpResponse<String> sent = postChunked(user, document("{\"name\": \"Huge\"}") + " ".repeat(5 * 1024 * 1024));
        assertThat(sent.statusCode())
                .as("sent chunked, refused once past the limit")
                .isEqualTo(413);
        assertThat(JSON.readTree(sent.body()).path("error").asText())
                .isEqualTo("The request body is larger than 5 MiB.");
        as(user).body("{\"name\": \"" + "x".repeat(70 * 1024) + "\"}")
                .post("/lists")
                .then()
                .statusCode(413)
                .body("error", equalTo("The request body is larger than 64 KiB."));
        as(user).get("/lists").then().body("name", contains("Todos", "Roomy", "Roomy"));
    }

    @Test
    void theQuotasHoldForAnImportAsAWholeAndNothingIsWrittenOverThem() {
        User user = newUser();
        String thousandLists = document(String.join(", ", Collections.nCopies(1000, "{\"name\": \"One of many\"}")));
        as(user).body(thousandLists)
                .post("/user/import")
                .then()
                .statusCode(409)
                .body("error", containsString("1000 one person may"));

        String tooManyTodos = document("{\"name\": \"Full\", \"todos\": [" + todos(5001) + "]}");
        as(user).body(tooManyTodos)
                .post("/user/import")
                .then()
                .statusCode(422)
                .body("details.field", contains("lists[0].todos"))
                .body("details[0].message", containsString("5000"));
        as(user).get("/lists").then().body("name", contains("Todos"));

        as(user).body(document("{\"name\": \"Full\", \"todos\": [" + todos(5000) + "]}"))
                .post("/user/import")
                .then()
                .statusCode(201)
                .body("lists[0].todos", equalTo(5000));
    }

    @Test
    void anImportedListsChangesAreInItsHistoryAndReachTheImportersLiveConnections() throws Exception {
        User user = newUser();
        long list;
        try (LiveClient live = LiveClient.connect(base(), user)) {
            live.next();
            list = as(user).body(document("{\"name\": \"Live\", \"todos\": [{\"name\": \"x\"}, {\"name\": \"y\"}]}"))
                    .post("/user/import")
                    .then()
                    .statusCode(201)
                    .extract()
                    .jsonPath()
                    .getLong("lists[0].id");
            List<JsonNode> arrived = live.next(3);
            assertThat(arrived)
                    .extracting(change -> change.path("type").asText() + " "
                            + change.path("list_id").asLong())
                    .containsExactly("member.added " + list, "todo.created " + list, "todo.created " + list);
            assertThat(arrived.get(2).path("data").path("name").asText()).isEqualTo("y");
        }

        List<JsonNode> history = changes(user, "/lists/" + list + "/changes");
        assertThat(history)
                .extracting(change -> change.path("type").asText() + " "
                        + change.path("version").asLong())
                .containsExactly("member.added 1", "todo.created 2", "todo.created 3");
        assertThat(history.get(1).path("data").path("position").asText())
                .isLessThan(history.get(2).path("data").path("position").asText());
        assertThat(history.get(1).path("by").asText()).isEqualTo(user.name());
    }

    @Test
    void anImportSentTwiceWithOneKeyIsDoneOnce() {
        User user = newUser();
        String document = document("{\"name\": \"Once\", \"todos\": [{\"name\": \"x\"}]}");
        String key = UUID.randomUUID().toString();
        int first = as(user).header("Idempotency-Key", key)
                .body(document)
                .post("/user/import")
                .then()
                .statusCode(201)
                .extract()
                .path("lists[0].id");
        as(user).header("Idempotency-Key", key)
                .body(document)
                .post("/user/import")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("lists[0].id", equalTo(first));
        as(user).get("/lists").then().body("name", contains("Todos", "Once"));
    }

    private static String document(String lists) {
        return "{\"livetodo_export\": 1, \"lists\": [" + lists + "]}";
    }

    private static String todos(int count) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> "{\"name\": \"t" + n + "\"}")
                .collect(Collectors.joining(", "));
    }

    /** Sends a document as a stream of unknown length: chunked, without Content-Length. */
    private static HttpResponse<String> postChunked(User user, String document) throws Exception {
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/user/import"))
                .header("Authorization", "Bearer " + user.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer to an import that declares its length and sends none of its body: its head and body. */
    private static String declaringOnly(User user, long length) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /user/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.token()
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            // The server may wait for the body it was promised before it closes the connection:
            // the answer is read as far as its own Content-Length.
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (!answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                answer.write(in.read());
            }
            Matcher bodyLength = CONTENT_LENGTH.matcher(answer.toString(StandardCharsets.ISO_8859_1));
            assertThat(bodyLength.find()).as("a Content-Length in " + answer).isTrue();
            answer.write(in.readNBytes(Integer.parseInt(bodyLength.group(1))));
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
