package io.livetodo.live;

import io.livetodo.change.ChangeType;
import io.livetodo.live.wire.Frame;
import io.livetodo.live.wire.LiveMessage;

/**
 * One recorded change, with its frame: the JSON text sent to clients, built and encoded once per
 * instance and written as is to every recipient. {@code member} is the username a member change
 * is about; {@code trace} the trace of the request that made it, if it was traced.
 */
record Change(long listId, long version, ChangeType type, String member, String trace, Frame frame) {

    static Change of(
            long listId,
            long version,
            ChangeType type,
            String member,
            String by,
            String at,
            String data,
            String trace) {
        return new Change(
                listId,
                version,
                type,
                member,
                trace,
                LiveMessage.frame(new LiveMessage.Changed(type.wire(), listId, version, by, at, data)));
    }

    /** Whether, once this change is sent, the user receives nothing more of the list. */
    boolean ends(String username) {
        return type == ChangeType.LIST_DELETED || type == ChangeType.MEMBER_REMOVED && username.equals(member);
    }
}
