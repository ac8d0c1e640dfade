package io.livetodo.common;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Documents the one error body, {@link ApiError}, on every 4xx and 5xx response of the API, and
 * the {@code Idempotency-Key} every write of a logged-in user takes.
 */
public class ErrorResponsesFilter implements OASFilter {

    private static final String REF = "#/components/schemas/Error";
    /** Register and log in are the writes with no user yet to keep a key for (docs/decisions.md). */
    private static final Set<String> WITHOUT_KEY =
            Set.of("Register", "Log in", "Log in from the front page", "Register from the front page, and log in");

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null) {
            for (Map.Entry<String, APIResponse> entry :
                    operation.getResponses().getAPIResponses().entrySet()) {
                if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                    entry.getValue().setContent(errorContent());
                }
            }
        }
        return operation;
    }

    @Override
    public PathItem filterPathItem(PathItem path) {
        path.getOperations().forEach((method, operation) -> {
            if (method != PathItem.HttpMethod.GET && !WITHOUT_KEY.contains(operation.getSummary())) {
                operation.addParameter(OASFactory.createParameter()
                        .name("Idempotency-Key")
                        .in(Parameter.In.HEADER)
                        .description("Makes the write happen once: a repeat within 24 hours gets the first answer "
                                + "(409 while the first is still running, 422 if the request differs).")
                        .schema(OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .maxLength(255)));
            }
        });
        return path;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Schema field = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        openAPI.getComponents()
                .addSchema(
                        "Error",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.OBJECT)
                                .description(
                                        "Every error response: one human sentence, and the invalid fields where there are any.")
                                .addRequired("error")
                                .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                                .addProperty(
                                        "details",
                                        OASFactory.createSchema()
                                                .addType(Schema.SchemaType.ARRAY)
                                                .items(field)));
    }

    private static Content errorContent() {
        return OASFactory.createContent()
                .addMediaType(
                        "application/json",
                        OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(REF)));
    }
}
