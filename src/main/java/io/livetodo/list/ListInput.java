package io.livetodo.list;

import io.livetodo.common.ValidName;
import jakarta.validation.constraints.NotNull;

public record ListInput(
        @NotNull(message = "is required") @ValidName String name) {}
