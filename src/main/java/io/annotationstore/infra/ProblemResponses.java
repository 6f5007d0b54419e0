package io.annotationstore.infra;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The error answers of {@code /q/openapi}: adds those every operation can give (400, 401, 503 while
 * the database is out of reach; 413 and 415 where there is a body) and makes every documented 4xx
 * and that 503 a {@link Problem}. Answers that only
 * some operations give (403, 404, 409) are declared on those resources, without a body.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    /** The 403 of the admin operations (api.md §4); an admin token also passes as a reader's. */
    public static final String ADMIN_ONLY = "The token is a reader's; this needs an admin token";

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                document(operation);
            }
        }
    }

    private static void document(Operation operation) {
        APIResponses responses = operation.getResponses();
        // Every operation checks its parameters or body, and every one needs a callback key or token.
        addIfAbsent(responses, "400", "Invalid request; for validation errors, errors names each bad field");
        addIfAbsent(responses, "401", "Missing or wrong bearer token (on the webhook: scale-callback-auth)");
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "413", "The body is larger than this operation accepts");
            addIfAbsent(responses, "415", "The body is not of a documented media type");
        }
        if (!responses.hasAPIResponse("503")) {
            responses.addAPIResponse(
                    "503",
                    OASFactory.createAPIResponse()
                            .description("The database cannot be reached; try again after Retry-After")
                            .addHeader(
                                    "Retry-After",
                                    OASFactory.createHeader()
                                            .description("seconds")
                                            .schema(OASFactory.createSchema()
                                                    .type(List.of(Schema.SchemaType.INTEGER)))));
        }
        for (Map.Entry<String, APIResponse> response :
                responses.getAPIResponses().entrySet()) {
            boolean problem =
                    response.getKey().startsWith("4") || response.getKey().equals("503");
            if (problem && response.getValue().getContent() == null) {
                response.getValue()
                        .content(OASFactory.createContent()
                                .addMediaType(
                                        Problem.MEDIA_TYPE,
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref(PROBLEM_REF))));
            }
        }
    }

    private static void addIfAbsent(APIResponses responses, String status, String description) {
        if (!responses.hasAPIResponse(status)) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }
}
