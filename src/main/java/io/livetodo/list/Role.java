package io.livetodo.list;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum Role {
    OWNER,
    MEMBER;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
