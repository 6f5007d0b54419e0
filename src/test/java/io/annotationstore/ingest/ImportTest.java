package io.annotationstore.ingest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class ImportTest {

    @Inject
    Database db;

    @BeforeEach
    void reset() {
        db.clear();
    }

    private static io.restassured.response.ValidatableResponse importJson(String body) {
        return Api.admin()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/tasks/import")
                .then();
    }

    @Test
    void importedTasksReadBackAsScaleServedThem() {
        importJson(Fixtures.text(Fixtures.ALL_TYPES)).statusCode(200).body("stored", equalTo(1));
        String stored =
                Api.reader().get("/api/v1/tasks/" + Fixtures.ALL_TYPES_ID).asString();
        assertEquals(Fixtures.json(Fixtures.ALL_TYPES), Fixtures.parse(stored));
    }

    @Test
    void concurrentImportsOfOneNewTaskStoreItOnce() throws Exception {
        importJson(Fixtures.text(Fixtures.ALL_TYPES)).statusCode(200);
        long annotationsOfOneCopy = db.count("select count(*) from annotation");
        long messagesOfOneCopy = db.count("select count(*) from message");
        db.clear();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> imports = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            imports.add(() -> Api.admin()
                    .contentType(ContentType.JSON)
                    .body(Fixtures.text(Fixtures.ALL_TYPES))
                    .post("/api/v1/tasks/import")
                    .statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(imports)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertEquals(List.of(200), statuses.stream().distinct().toList());
        assertEquals(1, db.count("select count(*) from task"));
        assertEquals(messagesOfOneCopy, db.count("select count(*) from message"));
        assertEquals(annotationsOfOneCopy, db.count("select count(*) from annotation"));
    }

    @Test
    void importsJsonLinesAndReportsEachLine() {
        String lines = Fixtures.json(Fixtures.PAIRWISE) + "\n\n{not json}\n" + Fixtures.json(Fixtures.ALL_TYPES) + "\n";
        Api.admin()
                .contentType("application/x-ndjson")
                .body(lines.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(200)
                .body("stored", equalTo(2))
                .body("rejected", equalTo(1))
                .body("results.outcome", contains("stored", "rejected", "stored"))
                .body("results.index", contains(0, 1, 2));
    }

    @Test
    void importsEveryTaskOfAListPageIncludingErrorAndReportedTasks() {
        String tasks = Fixtures.json(Fixtures.LIST_PAGE).get("tasks").toString();
        importJson(tasks)
                .statusCode(200)
                .body("stored", equalTo(3))
                .body(
                        "results.task_id",
                        contains("65f1c0de4b2a9e0012ab34ce", "65f1c0de4b2a9e0012ab34cf", "65f1c0de4b2a9e0012ab34d0"));
        Api.reader()
                .queryParam("status", "error")
                .get("/api/v1/tasks")
                .then()
                .body("items.task_id", contains("65f1c0de4b2a9e0012ab34cf"));
        assertEquals(
                "PROMPT_LENGTH_EXCEEDED",
                db.string("select errors->0->>'type' from task where task_id = '65f1c0de4b2a9e0012ab34cf'"));
    }

    @Test
    void reportsRejectedItemsAndStoresTheRest() {
        importJson("[" + Fixtures.text(Fixtures.PAIRWISE)
                        + ", {\"status\":\"completed\"}, 7, {\"task_id\":\"t 1\",\"status\":\"completed\"}]")
                .statusCode(200)
                .body("stored", equalTo(1))
                .body("rejected", equalTo(3))
                .body("results.outcome", contains("stored", "rejected", "rejected", "rejected"));
        assertEquals(1, db.count("select count(*) from task"));
    }

    @Test
    void skipsTheSameDocumentTwiceAndAnOlderCopy() {
        importJson(Fixtures.text(Fixtures.PAIRWISE)).body("stored", equalTo(1));
        importJson(Fixtures.text(Fixtures.PAIRWISE)).body("skipped", equalTo(1));
        String older = Fixtures.text(Fixtures.PAIRWISE)
                .replace("2025-01-02T04:00:39.923Z", "2025-01-01T09:00:00.000Z")
                .replace("\"value\": 5", "\"value\": 1");
        importJson(older).body("skipped", equalTo(1)).body("results[0].reason", equalTo("older than the stored copy"));
        Api.reader()
                .queryParam("key", "overall")
                .queryParam("source_id", "base_model")
                .get("/api/v1/annotations")
                .then()
                .body("items.value", contains(5));
    }

    @Test
    void aCompletedCopyWithoutAReadableCompletionTimeDoesNotReplaceADatedOne() {
        importJson(Fixtures.text(Fixtures.PAIRWISE)).body("stored", equalTo(1));
        for (String completedAt : new String[] {"null", "\"not a date\""}) {
            String undated = Fixtures.text(Fixtures.PAIRWISE)
                    .replace("\"2025-01-02T04:00:39.923Z\"", completedAt)
                    .replace("\"value\": 5", "\"value\": 1");
            importJson(undated).body("skipped", equalTo(1));
        }
        Api.reader().get("/api/v1/tasks/task_123").then().body("completed_at", equalTo("2025-01-02T04:00:39.923Z"));
    }

    @Test
    void aRecallChangesTheStatusAndKeepsTheAnnotations() {
        importJson(Fixtures.text(Fixtures.PAIRWISE)).body("stored", equalTo(1));
        long annotations = db.count("select count(*) from annotation");
        String recalled = "{\"task_id\":\"task_123\",\"project\":\"project_123\",\"status\":\"pending\","
                + "\"created_at\":\"2025-01-01T08:31:03.169Z\",\"threads\":[]}";

        importJson(recalled).body("stored", equalTo(1));

        Api.reader()
                .get("/api/v1/tasks/task_123")
                .then()
                .body("status", equalTo("pending"))
                .body("threads", hasSize(1));
        assertEquals(annotations, db.count("select count(*) from annotation"));
    }

    @Test
    void aRecalledTaskFetchedAgainStillKeepsTheAnnotations() {
        // Scale may serve the recalled copy more than once (a repeated callback, a refresh): the
        // second copy of the recall must not replace the annotated document either (api.md §8).
        importJson(Fixtures.text(Fixtures.PAIRWISE)).body("stored", equalTo(1));
        long annotations = db.count("select count(*) from annotation");
        String recalled = "{\"task_id\":\"task_123\",\"project\":\"project_123\",\"status\":\"pending\","
                + "\"created_at\":\"2025-01-01T08:31:03.169Z\",\"threads\":[]}";
        importJson(recalled).body("stored", equalTo(1));

        importJson(recalled);

        Api.reader()
                .get("/api/v1/tasks/task_123")
                .then()
                .body("status", equalTo("pending"))
                .body("threads", hasSize(1));
        assertEquals(annotations, db.count("select count(*) from annotation"));
    }

    @Test
    void anUnexpandedNewerCopyKeepsTheProjectAndBatchNamesItCannotSee() {
        importJson(Fixtures.text(Fixtures.ALL_TYPES)).body("stored", equalTo(1));
        var unexpanded = (com.fasterxml.jackson.databind.node.ObjectNode) Fixtures.json(Fixtures.ALL_TYPES);
        unexpanded.put("project", "65a0b1c2d3e4f50012345678");
        unexpanded.put("batch", "65e9f8a7b6c5d40012abcdef");
        unexpanded.put("completed_at", "2025-03-06T08:00:00.000Z");

        importJson(unexpanded.toString()).body("stored", equalTo(1));

        Api.reader()
                .queryParam("project", "Example Evals Project")
                .queryParam("batch", "example-batch-2025-03")
                .get("/api/v1/tasks")
                .then()
                .body("items.task_id", contains(Fixtures.ALL_TYPES_ID))
                .body("items[0].completed_at", equalTo("2025-03-06T08:00:00Z"));
    }

    @Test
    void rejectsBodiesThatAreNotTasks() {
        importJson("not json").statusCode(400).contentType("application/problem+json");
        importJson("\"text\"").statusCode(400);
        importJson("[]").statusCode(400);
        importJson("[{\"task_id\":\"a\",\"status\":\"completed\"}").statusCode(400);
        assertEquals(0, db.count("select count(*) from task"));
    }

    @Test
    void refusesMoreItemsThanTheLimitAndStoresNone() {
        String many = IntStream.range(0, 51)
                .mapToObj(i -> "{\"task_id\":\"bulk_" + i + "\",\"status\":\"completed\"}")
                .collect(Collectors.joining(",", "[", "]"));
        importJson(many).statusCode(413).contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from task"));
    }
}
