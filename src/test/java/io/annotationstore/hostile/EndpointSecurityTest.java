package io.annotationstore.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.annotationstore.support.Api;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * api.md §6 for every operation the OpenAPI document lists under {@code /api/}: no token and a
 * wrong token are 401, a reader on an admin endpoint (§4) is 403, the right role gets through.
 * An endpoint added later is checked without touching this test.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class EndpointSecurityTest {

    /** The paths of api.md §3 and §4: proof that the enumeration sees the whole API. */
    private static final Set<String> CONTRACT_PATHS = Set.of(
            "GET /api/v1/tasks",
            "GET /api/v1/tasks/{task_id}",
            "GET /api/v1/annotations",
            "GET /api/v1/annotations/stats",
            "GET /api/v1/preferences",
            "GET /api/v1/preferences/summary",
            "GET /api/v1/exports/annotations",
            "GET /api/v1/exports/preferences",
            "GET /api/v1/deliveries",
            "POST /api/v1/deliveries/{task_id}/retry",
            "POST /api/v1/tasks/{task_id}/refresh",
            "POST /api/v1/tasks/import",
            "POST /api/v1/backfill",
            "GET /api/v1/backfill/{id}");

    private static final List<String> WRONG_TOKENS = List.of(
            "Bearer wrong",
            "Bearer " + Api.ADMIN + "x",
            "Bearer " + Api.READER.substring(1),
            "Bearer " + Api.CALLBACK_KEY,
            "Bearer",
            "Basic " + Api.ADMIN,
            Api.ADMIN);

    @Test
    void theOpenApiDocumentListsEveryEndpointOfTheContract() {
        Set<String> listed = Set.copyOf(OpenApiOperations.load().api().stream()
                .map(OpenApiOperations.Operation::toString)
                .toList());
        assertTrue(
                listed.containsAll(CONTRACT_PATHS),
                "missing: "
                        + CONTRACT_PATHS.stream()
                                .filter(p -> !listed.contains(p))
                                .toList());
    }

    @TestFactory
    Stream<DynamicTest> guardsEveryApiOperationByTokenAndRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiOperations.Operation operation : OpenApiOperations.load().api()) {
            tests.add(dynamicTest(operation + " needs a valid token", () -> {
                assertUnauthorized(operation, send(operation, null));
                for (String wrong : WRONG_TOKENS) {
                    assertUnauthorized(operation, send(operation, wrong));
                }
            }));
            tests.add(dynamicTest(
                    operation + (operation.adminOnly() ? " is admin only" : " is open to readers"), () -> {
                        Http.Answer reader = send(operation, "Bearer " + Api.READER);
                        if (operation.adminOnly()) {
                            assertEquals(403, reader.status(), operation + " let a reader in: " + reader.body());
                            Answers.problemWith(reader, Set.of(403)).ifPresent(problem -> {
                                throw new AssertionError(problem);
                            });
                        } else {
                            assertFalse(Set.of(401, 403).contains(reader.status()), operation + " refused a reader");
                        }
                        Http.Answer admin = send(operation, "Bearer " + Api.ADMIN);
                        assertFalse(Set.of(401, 403).contains(admin.status()), operation + " refused an admin");
                    }));
        }
        return tests.stream();
    }

    @Test
    void guardsTheWebhookOnlyByTheCallbackKey() {
        Http.Answer withToken = Http.send(
                "POST",
                "/webhooks/scale",
                "application/json",
                "{\"task_id\":\"t1\"}".getBytes(StandardCharsets.UTF_8),
                "Authorization",
                "Bearer " + Api.ADMIN);
        assertUnauthorized(null, withToken);
    }

    private static Http.Answer send(OpenApiOperations.Operation operation, String authorization) {
        String contentType = operation.contentTypes().contains("application/json")
                ? "application/json"
                : operation.contentTypes().stream().findFirst().orElse(null);
        byte[] body = contentType == null ? null : "{}".getBytes(StandardCharsets.UTF_8);
        String path = operation.pathWith("task_1");
        return authorization == null
                ? Http.send(operation.method(), path, contentType, body)
                : Http.send(operation.method(), path, contentType, body, "Authorization", authorization);
    }

    private static void assertUnauthorized(OpenApiOperations.Operation operation, Http.Answer answer) {
        assertEquals(401, answer.status(), operation + " without a valid credential: " + answer.body());
        Answers.problemWith(answer, Set.of(401)).ifPresent(problem -> {
            throw new AssertionError(operation + ": " + problem);
        });
    }
}
