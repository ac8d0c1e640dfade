package io.livetodo.list;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Role {
    OWNER, MEMBER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role of(String wire) {
        return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
    }
}
