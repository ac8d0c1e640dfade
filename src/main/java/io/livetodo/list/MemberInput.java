package io.livetodo.list;

import io.livetodo.common.ApiException;

/** How a list is shared with someone: {@code member} (reads and edits, the default) or {@code viewer}. */
public record MemberInput(String role) {

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
