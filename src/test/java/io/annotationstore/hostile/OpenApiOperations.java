package io.annotationstore.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The operations the running application documents in {@code /q/openapi}: what the security and
 * fuzz tests enumerate, so that an endpoint added later is covered without touching them.
 */
record OpenApiOperations(List<Operation> all) {

    /** One method on one path, with its query parameters and request content types. */
    record Operation(String method, String path, List<String> queryParameters, List<String> contentTypes) {

        /** The path with every {@code {parameter}} replaced by {@code value}. */
        String pathWith(String value) {
            return path.replaceAll("\\{[^}]+}", value);
        }

        /** Admin-only per api.md §4: the inbox, imports, refreshes and backfills. */
        boolean adminOnly() {
            return path.startsWith("/api/v1/deliveries")
                    || path.equals("/api/v1/tasks/import")
                    || path.equals("/api/v1/tasks/{task_id}/refresh")
                    || path.startsWith("/api/v1/backfill");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    static OpenApiOperations load() {
        String json = RestAssured.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonNode paths = Answers.parse(json).orElseThrow().path("paths");
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                if (METHODS.contains(method.getKey())) {
                    operations.add(operation(path.getKey(), method.getKey(), method.getValue()));
                }
            }
        }
        return new OpenApiOperations(List.copyOf(operations));
    }

    private static Operation operation(String path, String method, JsonNode operation) {
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("query")) {
                query.add(parameter.path("name").asText());
            }
        }
        List<String> contentTypes = new ArrayList<>();
        operation.path("requestBody").path("content").fieldNames().forEachRemaining(contentTypes::add);
        return new Operation(method.toUpperCase(), path, List.copyOf(query), List.copyOf(contentTypes));
    }

    /** The operations under {@code /api/}. */
    List<Operation> api() {
        return all.stream().filter(o -> o.path().startsWith("/api/")).toList();
    }
}
