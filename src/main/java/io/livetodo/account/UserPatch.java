package io.livetodo.account;

import jakarta.validation.constraints.NotNull;

/** A change to the user's settings: the IANA time zone their days are in. */
public record UserPatch(
        @NotNull(message = "is required: an IANA time zone, such as Europe/Paris")
        String timeZone) {}
