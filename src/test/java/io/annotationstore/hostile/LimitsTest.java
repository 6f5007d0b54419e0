package io.annotationstore.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.annotationstore.infra.LimitsConfig;
import io.annotationstore.query.QueryConfig;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The configured limits (README, limits.* and query.*) hold, and are answered with 413/400 problems. */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class LimitsTest {

    @Inject
    Database db;

    @Inject
    LimitsConfig limits;

    @Inject
    QueryConfig query;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBody;

    @BeforeEach
    void reset() {
        db.clear();
    }

    /** {@code levels} of nested arrays inside a task's metadata: the document is levels + 2 deep. */
    private static String nestedTask(String taskId, int levels) {
        return "{\"task_id\":\"" + taskId + "\",\"status\":\"completed\",\"metadata\":{\"deep\":" + "[".repeat(levels)
                + "]".repeat(levels) + "}}";
    }

    /** A body streamed without a Content-Length, so the limit is enforced while reading. */
    private static InputStream streamed(String head, String repeated, long times, String tail) {
        byte[] chunk = repeated.getBytes(StandardCharsets.UTF_8);
        Stream<InputStream> parts = Stream.concat(
                Stream.concat(
                        Stream.of(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8))),
                        Stream.generate(() -> (InputStream) new ByteArrayInputStream(chunk))
                                .limit(times)),
                Stream.of(new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8))));
        return new SequenceInputStream(Collections.enumeration(parts.toList()));
    }

    @Test
    void acceptsACallbackAsDeepAsTheNestingLimitAndRejectsOneLevelDeeper() {
        int depth = limits.jsonNestingDepth();
        Api.scale()
                .body(nestedTask("deep_ok", depth - 2))
                .post("/webhooks/scale")
                .then()
                .statusCode(202);
        Api.scale()
                .body(nestedTask("deep_1", depth - 1))
                .post("/webhooks/scale")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from delivery where task_id = 'deep_1'"));
    }

    @Test
    void rejectsAnImportWithATaskDeeperThanTheNestingLimitAndStoresNone() {
        int depth = limits.jsonNestingDepth();
        Api.admin()
                .contentType(ContentType.JSON)
                .body("[" + nestedTask("shallow_1", 1) + "," + nestedTask("deep_1", depth - 2) + "]")
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from task"));
    }

    @Test
    void rejectsOnlyTheJsonLineDeeperThanTheNestingLimit() {
        int depth = limits.jsonNestingDepth();
        Api.admin()
                .contentType("application/x-ndjson")
                .body((nestedTask("ok_1", depth - 2) + "\n" + nestedTask("deep_1", depth - 1) + "\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(200)
                .body("results.outcome", contains("stored", "rejected"));
        assertEquals(1, db.count("select count(*) from task"));
    }

    @Test
    void answers413ToACallbackStreamedPastTheBodyLimitAndStoresNothing() {
        long chunks = limits.webhookBody().asLongValue() / 1024 + 1;
        given().header("scale-callback-auth", Api.CALLBACK_KEY)
                .contentType(ContentType.JSON)
                .body(streamed("{\"task_id\":\"big_1\",\"pad\":\"", "x".repeat(1024), chunks, "\"}"))
                .post("/webhooks/scale")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("status", equalTo(413));
        assertEquals(0, db.count("select count(*) from delivery"));
    }

    @Test
    void answers413ToAnImportStreamedPastTheBodyLimitAndStoresNothing() {
        int items = limits.importItems() - 1;
        long itemBytes = limits.importBody().asLongValue() / items + 1;
        String item =
                "{\"task_id\":\"big_x\",\"status\":\"completed\",\"pad\":\"" + "x".repeat((int) itemBytes) + "\"},";
        Api.admin()
                .contentType(ContentType.JSON)
                .body(streamed("[", item, items, "{\"task_id\":\"last\",\"status\":\"completed\"}]"))
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from task"));
    }

    /**
     * A body declared past Vert.x' own ceiling, on any path: refused from the headers alone, as a
     * problem like every other 413, and the connection is closed (the body is never read).
     */
    @ParameterizedTest
    @ValueSource(strings = {"/webhooks/scale", "/api/v1/tasks/import", "/api/v1/backfill", "/q/health/ready"})
    void answersAProblem413ToABodyDeclaredPastTheServersCeiling(String path) throws IOException {
        long declared = maxBody.asLongValue() + 1;
        try (Socket socket = new Socket(URI.create(RestAssured.baseURI).getHost(), RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "scale-callback-auth: " + Api.CALLBACK_KEY + "\r\nAuthorization: Bearer " + Api.ADMIN
                    + "\r\nContent-Length: " + declared + "\r\n\r\n{";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String lower = answer.toLowerCase(Locale.ROOT);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(lower.contains("content-type: application/problem+json"), answer);
            assertTrue(lower.contains("connection: close"), answer);
            assertTrue(answer.contains("\"status\":413"), answer);
            assertTrue(answer.contains("at most " + maxBody.asLongValue() + " bytes"), answer);
        }
        assertEquals(0, db.count("select count(*) from delivery"));
    }

    @Test
    void answers413ToJsonLinesWithMoreTasksThanTheItemLimitAndStoresNone() {
        String lines = IntStream.rangeClosed(0, limits.importItems())
                .mapToObj(i -> "{\"task_id\":\"line_" + i + "\",\"status\":\"completed\"}")
                .collect(Collectors.joining("\n"));
        Api.admin()
                .contentType("application/x-ndjson")
                .body(lines.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from task"));
    }

    @Test
    void pagesByTheDefaultSizeAndAcceptsNoLimitAboveTheMaximum() {
        int tasks = query.defaultPageSize() + 1;
        for (int from = 0; from < tasks; from += limits.importItems()) {
            String batch = IntStream.range(from, Math.min(tasks, from + limits.importItems()))
                    .mapToObj(i -> "{\"task_id\":\"page_" + i + "\",\"status\":\"completed\"}")
                    .collect(Collectors.joining(",", "[", "]"));
            Api.admin()
                    .contentType(ContentType.JSON)
                    .body(batch)
                    .post("/api/v1/tasks/import")
                    .then()
                    .statusCode(200);
        }

        Api.reader()
                .get("/api/v1/tasks")
                .then()
                .body("items", hasSize(query.defaultPageSize()))
                .body("next_cursor", notNullValue());
        Api.reader()
                .queryParam("limit", query.maxPageSize())
                .get("/api/v1/tasks")
                .then()
                .statusCode(200)
                .body("items", hasSize(tasks));
        Api.reader()
                .queryParam("limit", query.maxPageSize() + 1)
                .get("/api/v1/tasks")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("limit"));
    }
}
