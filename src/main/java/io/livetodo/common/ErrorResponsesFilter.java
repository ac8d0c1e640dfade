package io.livetodo.common;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;


/** Documents the one error body, {@link ApiError}, on every 4xx and 5xx response of the API. */
public class ErrorResponsesFilter implements OASFilter {

    private static final String REF = "#/components/schemas/Error";

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getResponses() != null) {
            for (Map.Entry<String, APIResponse> entry : operation.getResponses().getAPIResponses().entrySet()) {
                if (entry.getKey().startsWith("4") || entry.getKey().startsWith("5")) {
                    entry.getValue().setContent(errorContent());
                }
            }
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Schema field = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        openAPI.getComponents().addSchema("Error", OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("Every error response: one human sentence, and the invalid fields where there are any.")
                .addRequired("error")
                .addProperty("error", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("details", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(field)));
    }

    private static Content errorContent() {
        return OASFactory.createContent().addMediaType("application/json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
    }
}
