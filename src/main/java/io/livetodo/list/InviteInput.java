package io.livetodo.list;

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
