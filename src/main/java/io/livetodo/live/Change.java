package io.livetodo.live;

/**
 * One recorded change, with its frame: the JSON text sent to clients, built once per instance
 * and sent as is to every recipient. {@code member} is the username a member change is about.
 */
record Change(long listId, long version, String type, String member, String frame) {

    static Change of(long listId, long version, String type, String member, String at, String data) {
        String frame = "{\"type\":\"" + type + "\",\"list_id\":" + listId + ",\"version\":" + version
                + ",\"at\":\"" + at + "\",\"data\":" + data + "}";
        return new Change(listId, version, type, member, frame);
    }

    /** Whether, once this change is sent, the user receives nothing more of the list. */
    boolean ends(String username) {
        return ChangeType.LIST_DELETED.wire().equals(type)
                || ChangeType.MEMBER_REMOVED.wire().equals(type) && username.equals(member);
    }
}
