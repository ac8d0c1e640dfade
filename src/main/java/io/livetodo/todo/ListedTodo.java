package io.livetodo.todo;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** A todo in a view across the user's lists, with the name of its list. */
@RegisterForReflection
public record ListedTodo(@JsonUnwrapped TodoView todo, String listName) {}
