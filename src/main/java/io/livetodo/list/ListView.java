package io.livetodo.list;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A list as its member sees it: {@code role} is the caller's role in it. */
@RegisterForReflection
public record ListView(long id, String name, String owner, Role role, long version, Instant createdAt) {}
