package io.livetodo.todo;

import io.livetodo.common.ApiException;
import io.livetodo.common.Paging;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The response shapes shared by {@code /todos/} and {@code /lists/{id}/todos/}. */
public final class TodoResponses {

    /** Lists of up to this many todos are returned whole; longer ones a page at a time. */
    public static final int MAX_PAGE = 1000;

    private TodoResponses() {}

    /** The tutorial's answer to a create: 303 to the new todo, which is also in the body. */
    public static Response created(TodoView todo) {
        return Response.status(Response.Status.SEE_OTHER)
                .header(HttpHeaders.LOCATION, "/todos/" + todo.id())
                .entity(todo)
                .build();
    }

    public static Response page(TodoService.Page page, UriInfo uri, int limit) {
        Response.ResponseBuilder response = Response.ok(page.todos());
        if (page.more()) {
            response.header(
                    "Link",
                    Paging.nextLink(
                            uri, page.todos().get(page.todos().size() - 1).id(), limit));
        }
        return response.build();
    }

    public static long after(String after) {
        if (after == null) {
            return 0;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, "The after parameter must be a todo id.");
        }
    }

    public static int limit(String limit) {
        return Paging.limit(limit, MAX_PAGE, MAX_PAGE);
    }

    /** Clearing a list deletes its finished todos only, and the request says so: {@code ?finished=true}. */
    public static void requireFinishedOnly(String finished) {
        if (!"true".equals(finished)) {
            throw new ApiException(
                    Response.Status.BAD_REQUEST,
                    "Only finished todos are deleted together: add ?finished=true to the request.");
        }
    }

    /** The version an {@code If-Match} header asks for, or null when there is none or it is {@code *}. */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            // A tag we never issued cannot match the current version.
            return -1L;
        }
    }
}
