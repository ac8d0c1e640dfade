package io.livetodo.list;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.common.ApiException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * A new invite link: the role it gives ({@code member}, the default, or {@code viewer}), how long
 * it stays open (an ISO-8601 duration up to {@code P30D}, by default {@code P7D}) and how many
 * people may use it (1 to 1000, by default 1).
 */
public record InviteInput(String role, String expiresIn, Integer maxUses) {

    static final Duration LONGEST = Duration.ofDays(30);

    /** The body of a new invite, read by hand, as a share's is ({@link MemberInput#read}): it may be absent. */
    static InviteInput read(String body) {
        JsonNode json = MemberInput.json(body);
        if (json == null) {
            return new InviteInput(null, null, null);
        }
        JsonNode uses = json.path("max_uses");
        if (!(uses.isMissingNode() || uses.isNull() || uses.canConvertToExactIntegral() && uses.canConvertToInt())) {
            throw ApiException.invalid("max_uses", "is from 1 to 1000");
        }
        return new InviteInput(text(json, "role"), text(json, "expires_in"), uses.isInt() ? uses.asInt() : null);
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ApiException.invalid(field, "is text");
        }
        return value.asText();
    }

    Role asRole() {
        return MemberInput.roleOf(new MemberInput(role));
    }

    Duration lifetime() {
        if (expiresIn == null) {
            return Duration.ofDays(7);
        }
        try {
            Duration lifetime = Duration.parse(expiresIn);
            if (!lifetime.isNegative() && !lifetime.isZero() && lifetime.compareTo(LONGEST) <= 0) {
                return lifetime;
            }
        } catch (DateTimeParseException e) {
            // Answered below, as a duration out of range is.
        }
        throw ApiException.invalid("expires_in", "is an ISO-8601 duration from PT1S to P30D, such as P7D");
    }

    int uses() {
        if (maxUses == null) {
            return 1;
        }
        if (maxUses < 1 || maxUses > 1000) {
            throw ApiException.invalid("max_uses", "is from 1 to 1000");
        }
        return maxUses;
    }
}
