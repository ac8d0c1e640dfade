package io.livetodo.list;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** An invite link as its list's owner sees it; its token and url only in the answer that made it. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InviteView(long id, String token, String url, Role role, Instant expiresAt, int maxUses, int uses) {}
