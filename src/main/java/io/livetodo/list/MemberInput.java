package io.livetodo.list;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.livetodo.common.ApiException;
import jakarta.ws.rs.core.Response;

/** How a list is shared with someone: {@code member} (reads and edits, the default) or {@code viewer}. */
public record MemberInput(String role) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The body of a share, read by hand: the tutorial's clients send none, and no Content-Type,
     * which a JSON body parameter would refuse (415). Null for none.
     */
    static MemberInput read(String body) {
        JsonNode json = json(body);
        if (json == null) {
            return null;
        }
        JsonNode role = json.path("role");
        if (!(role.isMissingNode() || role.isNull() || role.isTextual())) {
            throw ApiException.invalid("role", "is member or viewer");
        }
        return new MemberInput(role.isTextual() ? role.asText() : null);
    }

    /** A body that may be absent, as a JSON object: null for none; 400 for anything but an object. */
    static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json.isObject()) {
                return json;
            }
        } catch (JsonProcessingException e) {
            // Answered below, as a body that is JSON but not an object is.
        }
        throw new ApiException(Response.Status.BAD_REQUEST, "The request body is not a JSON object.");
    }

    /** The role a request asks for; a request without a body asks for {@code member}. */
    public static Role roleOf(MemberInput input) {
        if (input == null || input.role() == null) {
            return Role.MEMBER;
        }
        return switch (input.role()) {
            case "member" -> Role.MEMBER;
            case "viewer" -> Role.VIEWER;
            default -> throw ApiException.invalid("role", "is member or viewer");
        };
    }
}
