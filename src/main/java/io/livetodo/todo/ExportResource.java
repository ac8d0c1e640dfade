package io.livetodo.todo;

import io.livetodo.common.BodyLimit;
import io.livetodo.common.CurrentUser;
import io.livetodo.common.LivetodoConfig;
import io.livetodo.idempotency.Idempotent;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;

/** A user's lists as one document, and new lists made from one (SPEC §9). */
// At the root with the account routes: a class at /user would take /user itself from them.
@Path("/")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Export and import")
@APIResponse(responseCode = "401", description = "Not logged in")
public class ExportResource {

    static final String IMPORT_PATH = "/user/import";

    private final Exports exports;
    private final Imports imports;
    private final SecurityIdentity identity;

    ExportResource(Exports exports, Imports imports, SecurityIdentity identity) {
        this.exports = exports;
        this.imports = imports;
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

    @Idempotent
    @POST
    @Path("user/import")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import lists",
            description = "Each list of an export becomes a new list of mine, its todos in the same order (name,"
                    + " finished, due and notes kept; an assignee kept only when it is me), all in one transaction."
                    + " Members are not invited.")
    @APIResponse(responseCode = "201", description = "The lists made: {\"lists\": [{id, name, todos}]}, todos counted")
    @APIResponse(responseCode = "409", description = "I would own more lists than anyone may")
    @APIResponse(responseCode = "413", description = "The document is larger than livetodo.import.max-size (5 MiB)")
    @APIResponse(responseCode = "415", description = "The body is not application/json")
    @APIResponse(
            responseCode = "422",
            description = "The document is not JSON, not version 1, or has a bad value: details name the first one's"
                    + " path, such as lists[2].todos[5].due; nothing is written")
    public Uni<RestResponse<Imports.ImportView>> importLists(String document) {
        return imports.importLists(user(), document).map(made -> RestResponse.status(Response.Status.CREATED, made));
    }

    private CurrentUser user() {
        return CurrentUser.of(identity);
    }

    /** The import takes documents larger than other bodies may be: {@code livetodo.import.max-size}. */
    @ApplicationScoped
    static class ImportBodyLimit implements BodyLimit.OwnLimit {

        private final MemorySize maxSize;

        ImportBodyLimit(LivetodoConfig config) {
            this.maxSize = config.imports().maxSize();
        }

        @Override
        public String path() {
            return IMPORT_PATH;
        }

        @Override
        public MemorySize maxSize() {
            return maxSize;
        }
    }
}
