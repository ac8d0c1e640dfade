package io.livetodo.list;

public record MemberView(String username, Role role) {
}
