package io.livetodo.live;

import io.livetodo.change.ChangeType;
import io.netty.buffer.ByteBuf;

/**
 * One recorded change, with its frame: the JSON text sent to clients, built and encoded once per
 * instance and written as is to every recipient. {@code member} is the username a member change is about.
 */
record Change(long listId, long version, String type, String member, ByteBuf frame) {

    static Change of(long listId, long version, String type, String member, String at, String data) {
        String frame = "{\"type\":\"" + type + "\",\"list_id\":" + listId + ",\"version\":" + version
                + ",\"at\":\"" + at + "\",\"data\":" + data + "}";
        return new Change(listId, version, type, member, Frames.of(frame));
    }

    /** Whether, once this change is sent, the user receives nothing more of the list. */
    boolean ends(String username) {
        return ChangeType.LIST_DELETED.wire().equals(type)
                || ChangeType.MEMBER_REMOVED.wire().equals(type) && username.equals(member);
    }
}
