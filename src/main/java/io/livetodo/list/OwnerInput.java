package io.livetodo.list;

import jakarta.validation.constraints.NotNull;

/** Whom a list is passed on to: one of its members, by username. */
public record OwnerInput(@NotNull(message = "is required") String username) {}
