package io.livetodo.list;

import io.quarkus.runtime.annotations.RegisterForReflection;

@RegisterForReflection
public record MemberView(String username, Role role) {}
