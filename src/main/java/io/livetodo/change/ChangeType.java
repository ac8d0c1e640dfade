package io.livetodo.change;

/** The kinds of change to a list, named as on the live connection. */
public enum ChangeType {
    TODO_CREATED("todo.created"),
    TODO_UPDATED("todo.updated"),
    TODO_DELETED("todo.deleted"),
    TODO_MOVED("todo.moved"),
    /** Every todo of a list given a new key at once, when a move found no room left (Positions). */
    LIST_REORDERED("list.reordered"),
    LIST_UPDATED("list.updated"),
    LIST_DELETED("list.deleted"),
    MEMBER_ADDED("member.added"),
    MEMBER_UPDATED("member.updated"),
    MEMBER_REMOVED("member.removed");

    private final String wire;

    ChangeType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The type a change was recorded with. */
    public static ChangeType of(String wire) {
        for (ChangeType type : values()) {
            if (type.wire.equals(wire)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no change type " + wire);
    }
}
