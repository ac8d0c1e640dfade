package io.livetodo.list;

import com.fasterxml.jackson.databind.JsonNode;
import io.livetodo.common.ApiException;
import io.livetodo.common.Lifetime;
import java.time.Duration;

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
        return Lifetime.of(expiresIn, Duration.ofDays(7), LONGEST, "expires_in");
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
