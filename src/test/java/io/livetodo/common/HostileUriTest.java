package io.livetodo.common;

import static io.livetodo.support.Api.createTodo;
import static io.livetodo.support.Api.newUser;
import static io.livetodo.support.Api.personalListId;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.livetodo.support.Api.User;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * SPEC §6a: every request with any bytes in its URI gets a 4xx or a success, never a 500. The
 * requests are written byte for byte on a socket: an HTTP client library would encode what a
 * hostile client need not.
 */
@QuarkusTest
@Tag("abuse")
class HostileUriTest {

    /** What the HTTP server refuses in a request line before livetodo sees it (RFC 3986 has no place for them raw). */
    private static final String REFUSED = "\"%<>\\^`{|}";

    @Test
    void aPagedAnswerWithAnyPrintableByteInItsQueryLinksToAValidNextPage() throws Exception {
        User user = newUser();
        long list = personalListId(user);
        createTodo(user, "first");
        createTodo(user, "second");
        List<String> queries = new ArrayList<>();
        for (char c = '!'; c <= '~'; c++) {
            queries.add("x=" + c);
            queries.add(c + "=1");
        }
        queries.addAll(List.of("x=%7B%7C%5E%22", "x=%E2%82%AC", "x=%2B+"));
        for (String path : List.of("/todos/?limit=1&", "/lists/" + list + "/todos/?limit=1&", "/lists/" + list + "/changes?after=0&limit=1&")) {
            for (String query : queries) {
                String answer = get(path + query, user);
                String status = answer.lines().findFirst().orElse("");
                if (REFUSED.indexOf(query.charAt(query.length() - 1)) >= 0 || REFUSED.indexOf(query.charAt(0)) >= 0) {
                    assertThat(status).as(path + query).startsWith("HTTP/1.1 400");
                    continue;
                }
                assertThat(status).as(path + query).startsWith("HTTP/1.1 200");
                String link = answer.lines().filter(line -> line.regionMatches(true, 0, "link:", 0, 5)).findFirst().orElse("");
                assertThat(link).as("the next page of " + path + query).contains("rel=\"next\"");
                URI next = URI.create(link.substring(link.indexOf('<') + 1, link.indexOf('>')));
                assertThat(next.getRawQuery()).as("a link any client can follow, for " + path + query).contains("after=").endsWith("limit=1");
            }
        }
    }

    /** The whole answer, head and body, to a GET whose request line carries the target as it is. */
    private static String get(String target, User user) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + user.token()
                    + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
