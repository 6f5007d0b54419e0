package io.annotationstore.infra;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /q/openapi} describes the API as it answers: snake_case fields, the real success codes,
 * and problem+json errors, so that clients generated from it work.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class OpenApiDocumentTest {

    private static final Pattern SNAKE_CASE = Pattern.compile("^[a-z0-9_]+$");
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private JsonNode document;

    @BeforeEach
    void load() throws Exception {
        String json = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void everySchemaPropertyIsSnakeCaseAsTheJsonIs() {
        List<String> wrong = new ArrayList<>();
        collectPropertyNames(document.path("components").path("schemas"), "", wrong);
        assertTrue(wrong.isEmpty(), "not snake_case: " + wrong);
        JsonNode delivery = document.path("components").path("schemas").path("DeliveryRow");
        assertTrue(delivery.path("properties").has("next_attempt_at"), delivery.toString());
    }

    @ParameterizedTest
    @CsvSource({
        "post, /webhooks/scale",
        "post, /api/v1/backfill",
        "post, /api/v1/deliveries/{task_id}/retry",
        "post, /api/v1/tasks/{task_id}/refresh"
    })
    void acceptedOperationsDocument202NotOk(String method, String path) {
        JsonNode responses = responses(method, path);
        assertTrue(responses.has("202"), method + " " + path + ": " + responses);
        assertFalse(responses.has("200"), method + " " + path + ": " + responses);
        assertTrue(
                responses.path("202").path("content").path("application/json").has("schema"),
                method + " " + path + ": " + responses);
    }

    /** SmallRye leaves out the answer it derives from the return type once any other is declared. */
    @Test
    void everyOperationDocumentsOneSuccessAnswerWithContent() {
        forEachOperation((name, responses) -> {
            List<String> successes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(status -> {
                if (status.startsWith("2")) {
                    successes.add(status);
                }
            });
            assertEquals(1, successes.size(), name + ": " + responses);
            assertTrue(responses.path(successes.get(0)).has("content"), name + ": " + responses);
        });
    }

    @Test
    void theWebhookDocumentsItsAnswerAndItsProblems() {
        JsonNode responses = responses("post", "/webhooks/scale");
        String ref = responses
                .path("202")
                .path("content")
                .path("application/json")
                .path("schema")
                .path("$ref")
                .asText();
        JsonNode accepted = schema(ref);
        assertTrue(accepted.path("properties").has("task_id"), accepted.toString());
        assertTrue(accepted.path("properties").has("delivery_state"), accepted.toString());
        for (String status : List.of("400", "401", "413", "415")) {
            assertProblem(responses, status, "POST /webhooks/scale");
        }
        assertFalse(responses.has("403"), responses.toString());
    }

    @Test
    void theProblemSchemaIsRfc9457() {
        JsonNode problem = schema(PROBLEM_REF).path("properties");
        for (String field : List.of("type", "title", "status", "detail", "errors")) {
            assertTrue(problem.has(field), problem.toString());
        }
    }

    @Test
    void everyOperationDocumentsBadRequestUnauthorizedAndDatabaseUnavailableAsProblems() {
        forEachOperation((name, responses) -> {
            assertProblem(responses, "400", name);
            assertProblem(responses, "401", name);
            assertProblem(responses, "503", name);
            assertTrue(responses.path("503").path("headers").has("Retry-After"), name + ": " + responses);
        });
    }

    @Test
    void everyErrorAnswerIsAProblem() {
        forEachOperation((name, responses) -> responses.fieldNames().forEachRemaining(status -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                assertProblem(responses, status, name);
            }
        }));
    }

    @ParameterizedTest
    @CsvSource({
        "get, /api/v1/deliveries, 403",
        "post, /api/v1/deliveries/{task_id}/retry, 403 404 409",
        "post, /api/v1/tasks/{task_id}/refresh, 403 404",
        "post, /api/v1/tasks/import, 403 413 415",
        "post, /api/v1/backfill, 403 413 415",
        "get, /api/v1/backfill/{id}, 403 404",
        "get, /api/v1/tasks/{task_id}, 404"
    })
    void operationsDocumentTheirOwnProblems(String method, String path, String statuses) {
        JsonNode responses = responses(method, path);
        for (String status : statuses.split(" ")) {
            assertProblem(responses, status, method + " " + path);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tasks", "/api/v1/annotations", "/api/v1/preferences/summary"})
    void readerOperationsDoNotClaimForbidden(String path) {
        assertFalse(responses("get", path).has("403"), path);
    }

    private void assertProblem(JsonNode responses, String status, String operation) {
        JsonNode content = responses.path(status).path("content");
        assertEquals(
                PROBLEM_REF,
                content.path(Problem.MEDIA_TYPE).path("schema").path("$ref").asText(),
                operation + " " + status + ": " + responses);
    }

    private JsonNode responses(String method, String path) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertFalse(operation.isMissingNode(), method + " " + path + " is not documented");
        return operation.path("responses");
    }

    private JsonNode schema(String ref) {
        assertTrue(ref.startsWith("#/components/schemas/"), ref);
        JsonNode schema = document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
        assertFalse(schema.isMissingNode(), ref + " is not in components");
        return schema;
    }

    private void forEachOperation(BiConsumer<String, JsonNode> check) {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                check.accept(
                        method.getKey() + " " + path.getKey(), method.getValue().path("responses"));
            }
        }
    }

    /** Property names at any depth of inline schemas, with the path that leads to each. */
    private static void collectPropertyNames(JsonNode schema, String at, List<String> wrong) {
        if (schema.isObject()) {
            for (Map.Entry<String, JsonNode> field : schema.properties()) {
                if (field.getKey().equals("properties")) {
                    field.getValue().fieldNames().forEachRemaining(name -> {
                        if (!SNAKE_CASE.matcher(name).matches()) {
                            wrong.add(at + "." + name);
                        }
                    });
                }
                collectPropertyNames(field.getValue(), at + "." + field.getKey(), wrong);
            }
        } else if (schema.isArray()) {
            schema.forEach(item -> collectPropertyNames(item, at, wrong));
        }
    }
}
