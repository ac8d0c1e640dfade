package io.livetodo.list;

import java.time.Instant;

/** A list as its member sees it: {@code role} is the caller's role in it. */
public record ListView(long id, String name, String owner, Role role, long version, Instant createdAt) {
}
