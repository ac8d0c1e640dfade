package io.livetodo.common;

import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/** The rules of a paged answer ({@code ?after=&limit=}), the same for todos and changes. */
public final class Paging {

    private Paging() {}

    /** The page size asked for: {@code whenAbsent} without one, else a whole number from 1 to {@code max}, or 400. */
    public static int limit(String limit, int whenAbsent, int max) {
        if (limit == null) {
            return whenAbsent;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below, like any other out-of-range value
        }
        throw new ApiException(Status.BAD_REQUEST, "The limit parameter must be a whole number from 1 to " + max + ".");
    }

    /** The {@code Link: rel="next"} header's value: the same request, from after this page's last item. */
    public static String nextLink(UriInfo uri, long after, int limit) {
        URI next = uri.getRequestUriBuilder()
                .replaceQueryParam("after", after)
                .replaceQueryParam("limit", limit)
                .build();
        return "<" + next.getRawPath() + "?" + next.getRawQuery() + ">; rel=\"next\"";
    }
}
