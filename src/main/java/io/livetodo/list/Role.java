package io.livetodo.list;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum Role {
    OWNER,
    MEMBER,
    /** Reads the list and follows it live; writes nothing (lock_to_write, R__functions.sql). */
    VIEWER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
