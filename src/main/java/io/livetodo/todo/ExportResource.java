package io.livetodo.todo;

import io.livetodo.common.CurrentUser;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;

/** A user's lists as one document (SPEC §9). */
// At the root with the account routes: a class at /user would take /user itself from them.
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Export and import")
@APIResponse(responseCode = "401", description = "Not logged in")
public class ExportResource {

    private final Exports exports;
    private final SecurityIdentity identity;

    ExportResource(Exports exports, SecurityIdentity identity) {
        this.exports = exports;
        this.identity = identity;
    }

    @GET
    @Path("user/export")
    @Operation(
            summary = "Export my lists",
            description = "Me and every list I belong to: its name, my role, its members and their roles, and its todos"
                    + " with every field, in list order; {\"livetodo_export\": 1, ...}. Streamed as it is read, from one"
                    + " snapshot of the lists.")
    @APIResponse(responseCode = "200", description = "The document")
    public RestMulti<Buffer> export() {
        return RestMulti.fromMultiData(exports.of(user()))
                .encodeAsJsonArray(false)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"livetodo-export.json\"")
                .build();
    }

    private CurrentUser user() {
        return CurrentUser.of(identity);
    }
}
