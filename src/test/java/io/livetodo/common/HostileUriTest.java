package io.livetodo.common;

import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static org.assertj.core.api.Assertions.assertThat;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SPEC §6a: every request with any bytes in its URI gets a 4xx JSON error or a success, never a 500. The
 * requests are written byte for byte on a socket: an HTTP client library would encode what a
 * hostile client need not.
 */
@QuarkusTest
@Tag("abuse")
class HostileUriTest {

    @Test
    void aPagedAnswerWithAnyByteInItsQueryLinksToAValidNextPageOrIsRefusedInJson() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        createTodo(user, "first");
        createTodo(user, "second");
        List<String> queries = new ArrayList<>();
        for (int b = 0; b <= 0xFF; b++) {
            if (isFraming(b)) {
                continue;
            }
            queries.add("x=" + (char) b);
            queries.add((char) b + "=1");
        }
        queries.addAll(List.of("x=%7B%7C%5E%22", "x=%E2%82%AC", "x=%2B+", "x=%", "x=%zz", "x=%4"));
        for (String path : List.of(
                "/todos/?limit=1&",
                "/lists/" + list + "/todos/?limit=1&",
                "/lists/" + list + "/changes?after=0&limit=1&")) {
            for (String query : queries) {
                String target = path + query;
                String answer = get(target, user);
                String status = answer.lines().findFirst().orElse("");
                if (!isUri(target)) {
                    assertThat(status).as(printable(target)).startsWith("HTTP/1.1 400");
                    assertThat(answer)
                            .as(printable(target))
                            .containsIgnoringCase("content-type: application/json")
                            .contains("\"error\":\"The request's URI is not valid");
                    continue;
                }
                assertThat(status).as(printable(target)).startsWith("HTTP/1.1 200");
                String link = answer.lines()
                        .filter(line -> line.regionMatches(true, 0, "link:", 0, 5))
                        .findFirst()
                        .orElse("");
                assertThat(link).as("the next page of " + printable(target)).contains("rel=\"next\"");
                URI next = URI.create(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
                assertThat(next.getRawQuery())
                        .as("a link any client can follow, for " + printable(target))
                        .contains("after=")
                        .endsWith("limit=1");
            }
        }
    }

    @Test
    void anyByteInThePathIsANotFoundOrARefusalInJson() throws Exception {
        User user = newUser();
        for (int b = 0; b <= 0xFF; b++) {
            if (isFraming(b)) {
                continue;
            }
            for (String target : List.of("/todos/" + (char) b, "/lists/" + (char) b + "/todos/", "/" + (char) b)) {
                String answer = get(target, user);
                String status = answer.lines().findFirst().orElse("");
                assertThat(status).as(printable(target)).matches("HTTP/1\\.1 (200|3\\d\\d|4\\d\\d) .*");
                if (status.startsWith("HTTP/1.1 4")) {
                    assertThat(answer).as(printable(target)).containsIgnoringCase("content-type: application/json");
                }
            }
        }
    }

    /**
     * These end the request line's target: the HTTP server splits the line at any whitespace
     * (RFC 9112, 3), so they are HTTP's framing, not a URI's bytes; a line split in four is not
     * an HTTP request, which the server refuses as such.
     */
    private static boolean isFraming(int b) {
        return b == ' ' || b == '\t' || b == 0x0B || b == '\f' || b == '\r' || b == '\n';
    }

    private static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String printable(String target) {
        StringBuilder shown = new StringBuilder();
        target.chars()
                .forEach(c ->
                        shown.append(c >= 0x21 && c <= 0x7E ? String.valueOf((char) c) : String.format("<%02X>", c)));
        return shown.toString();
    }

    /** The whole answer, head and body, to a GET whose request line carries the target as it is. */
    private static String get(String target, User user) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.token()
                            + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
