package io.livetodo.common;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** The authenticated caller, as carried by the {@link SecurityIdentity} of a request. */
public record CurrentUser(long id, String username, long sessionId, long personalListId) {

    static final String USER_ID = "livetodo.user_id";
    static final String SESSION_ID = "livetodo.session_id";
    static final String PERSONAL_LIST_ID = "livetodo.personal_list_id";

    /** Adds this user to an identity being built, as {@link #of} reads it back. */
    public QuarkusSecurityIdentity.Builder addTo(QuarkusSecurityIdentity.Builder identity) {
        return identity.addAttribute(USER_ID, id)
                .addAttribute(SESSION_ID, sessionId)
                .addAttribute(PERSONAL_LIST_ID, personalListId);
    }

    public static CurrentUser of(SecurityIdentity identity) {
        return new CurrentUser(
                identity.<Long>getAttribute(USER_ID),
                identity.getPrincipal().getName(),
                identity.<Long>getAttribute(SESSION_ID),
                identity.<Long>getAttribute(PERSONAL_LIST_ID));
    }
}
