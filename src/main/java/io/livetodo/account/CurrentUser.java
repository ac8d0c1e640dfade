package io.livetodo.account;

import io.quarkus.security.identity.SecurityIdentity;

/** The authenticated caller, as carried by the {@link SecurityIdentity} of a request. */
public record CurrentUser(long id, String username, long sessionId, long personalListId) {

    static final String USER_ID = "livetodo.user_id";
    static final String SESSION_ID = "livetodo.session_id";
    static final String PERSONAL_LIST_ID = "livetodo.personal_list_id";

    public static CurrentUser of(SecurityIdentity identity) {
        return new CurrentUser(
                identity.<Long>getAttribute(USER_ID),
                identity.getPrincipal().getName(),
                identity.<Long>getAttribute(SESSION_ID),
                identity.<Long>getAttribute(PERSONAL_LIST_ID));
    }
}
