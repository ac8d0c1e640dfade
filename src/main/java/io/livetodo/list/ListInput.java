package io.livetodo.list;

import jakarta.validation.constraints.NotNull;

import io.livetodo.common.ValidName;

public record ListInput(@NotNull(message = "is required") @ValidName String name) {
}
