package io.annotationstore.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.Ingest;
import io.annotationstore.support.InjectWireMock;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ingest paths the other ingest tests leave out: 5xx retried up to the attempt cap, network
 * faults, stale copies and recalls arriving through a fetch, inbox paging, and two workers on one
 * database. (Scheduled reconciliation needs its own configuration: backfill.ReconcileTest.)
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class IngestCoverageTest {

    private static final String TASK = Fixtures.PAIRWISE_ID;
    private static final String OLD_COMPLETED_AT = "2025-01-02T04:00:39.923Z";
    private static final String NEW_COMPLETED_AT = "2025-01-03T09:00:00.000Z";

    @InjectWireMock
    WireMockServer scale;

    @Inject
    Database db;

    @Inject
    IngestWorker worker;

    @Inject
    IngestConfig config;

    @Inject
    InboxService inbox;

    @Inject
    DeliveryProcessor processor;

    @Inject
    ScaleKeyGate keyGate;

    @Inject
    ScaleThrottle throttle;

    @BeforeEach
    void reset() {
        scale.resetAll();
        db.clear();
    }

    @AfterEach
    void workerRunsAgain() {
        worker.start();
    }

    private void answerInTurn(ResponseDefinitionBuilder... responses) {
        Ingest.answerInTurn(scale, TASK, responses);
    }

    private static ResponseDefinitionBuilder json(String body) {
        return aResponse().withHeader("Content-Type", "application/json").withBody(body);
    }

    private static ResponseDefinitionBuilder status(int status) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status_code\":" + status + ",\"error\":\"scale says " + status + "\"}");
    }

    private static void callback(String body) {
        Api.scale().body(body).post("/webhooks/scale").then().statusCode(202).body("delivery_state", equalTo("queued"));
    }

    private int fetches() {
        return scale.findAll(getRequestedFor(urlPathEqualTo("/v2/task"))).size();
    }

    /** A minimal completed task Scale could serve, with one task-level annotation. */
    private static String minimalTask(String taskId) {
        return "{\"task_id\":\"" + taskId + "\",\"project\":\"Coverage Project\",\"status\":\"completed\","
                + "\"created_at\":\"2025-03-04T10:16:02.511Z\",\"completed_at\":\"2025-03-05T09:01:44.020Z\","
                + "\"threads\":[{\"id\":\"thread_0\",\"turns\":[],\"annotations\":[{\"key\":\"ok\",\"value\":1}]}]}";
    }

    private static JsonPath overallOfBaseModel() {
        return Api.reader()
                .queryParam("task_id", TASK)
                .queryParam("key", "overall")
                .queryParam("source_id", "base_model")
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    // --- 1. 5xx retried up to the attempt cap --------------------------------------------------

    /** The test profile allows 4 attempts (ingest.retry.max-attempts=4): three 500s leave exactly one. */
    @Test
    void threeServerErrorsThenSuccessStoreTheTaskOnTheLastAllowedAttempt() throws InterruptedException {
        assertEquals(4, config.retry().maxAttempts(), "this test assumes the test profile's attempt cap");
        answerInTurn(status(500), status(500), status(500), json(Fixtures.text(Fixtures.PAIRWISE)));

        callback(Fixtures.callbackFor(TASK));
        Ingest.awaitState(TASK, "stored");

        assertEquals(4, fetches());
        assertEquals(1, db.count("select count(*) from task where task_id = '" + TASK + "'"));
        Api.admin()
                .queryParam("state", "stored")
                .get("/api/v1/deliveries")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].task_id", equalTo(TASK))
                .body("items[0].attempts", equalTo(4))
                // a stored delivery no longer shows the errors of the attempts before it
                .body("items[0].last_error", nullValue())
                .body("items[0].last_error_status", nullValue());
        // stored means stored: no further fetch follows
        Thread.sleep(500);
        assertEquals(4, fetches());
    }

    // --- 2. network faults retried ---------------------------------------------------------------

    /**
     * The second answer is slow, so the delivery sits in 'fetching' on its second attempt long
     * enough to see what the first attempt left behind.
     */
    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
    void aNetworkFaultIsRetriedAndRecordedUntilTheTaskIsStored(Fault fault) {
        answerInTurn(
                aResponse().withFault(fault),
                json(Fixtures.text(Fixtures.PAIRWISE)).withFixedDelay(1000));

        callback(Fixtures.callbackFor(TASK));

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> db.count("select count(*) from delivery where state = 'fetching' and attempts = 2") == 1);
        assertEquals("network error talking to Scale", db.string("select last_error from delivery"));
        assertNull(db.string("select last_error_status from delivery"), "a network fault has no HTTP status");

        Ingest.awaitState(TASK, "stored");
        assertEquals(2, fetches());
        assertEquals(1, db.count("select count(*) from task"));
        assertEquals(2, db.count("select attempts from delivery"));
        assertNull(db.string("select last_error from delivery"));
    }

    // --- 3. stale copy and recall arriving through a fetch --------------------------------------

    @Test
    void anOlderCopyFetchedAfterANewerOneChangesNothingAndARecallKeepsTheAnnotations() {
        String original = Fixtures.text(Fixtures.PAIRWISE);
        assertTrue(original.contains(OLD_COMPLETED_AT) && original.contains("\"value\": 5"));
        String newer = original.replace(OLD_COMPLETED_AT, NEW_COMPLETED_AT).replace("\"value\": 5", "\"value\": 6");

        // The newer copy is fetched first.
        Ingest.serveTask(scale, TASK, newer);
        callback(Fixtures.callbackFor(TASK));
        Ingest.awaitState(TASK, "stored");
        assertEquals(6, overallOfBaseModel().getInt("items[0].value"));
        String updatedAt = db.string("select updated_at from task");
        String hash = db.string("select content_hash from task");
        assertNotNull(updatedAt);

        // Then Scale (a lagging replica, a cache) serves the older copy after another callback.
        Ingest.serveTask(scale, TASK, original);
        callback("{\"task_id\":\"" + TASK + "\",\"status\":\"completed\",\"attempt\":2}");
        await().atMost(Duration.ofSeconds(15)).until(() -> fetches() == 2);
        Ingest.awaitState(TASK, "stored");

        assertEquals(1, db.count("select count(*) from task"));
        assertEquals(updatedAt, db.string("select updated_at from task"), "a stale copy must not touch the task");
        assertEquals(hash, db.string("select content_hash from task"));
        assertEquals(
                NEW_COMPLETED_AT,
                Api.reader()
                        .get("/api/v1/tasks/" + TASK)
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("completed_at"));
        JsonPath annotations = overallOfBaseModel();
        assertEquals(1, annotations.getList("items").size());
        assertEquals(6, annotations.getInt("items[0].value"));
        assertEquals(
                1,
                db.count(
                        "select count(*) from annotation where key = 'overall' and source_id = 'base_model' and value_number = 6"),
                "the newer copy's annotation rows stay");

        long annotationsBeforeRecall = db.count("select count(*) from annotation");

        // Now Scale serves the task recalled to pending: no completion time, no response any more.
        String recalled = "{\"task_id\":\"" + TASK + "\",\"project\":\"project_123\",\"batch\":\"batch_123\","
                + "\"status\":\"pending\",\"created_at\":\"2025-01-01T08:31:03.169Z\",\"threads\":[]}";
        Ingest.serveTask(scale, TASK, recalled);
        callback("{\"task_id\":\"" + TASK + "\",\"status\":\"pending\"}");
        await().atMost(Duration.ofSeconds(15)).until(() -> fetches() == 3);
        Ingest.awaitState(TASK, "stored");

        assertEquals("pending", db.string("select status from task"));
        Api.reader().get("/api/v1/tasks/" + TASK).then().statusCode(200).body("status", equalTo("pending"));
        Api.reader()
                .queryParam("status", "pending")
                .get("/api/v1/tasks")
                .then()
                .statusCode(200)
                .body("items.task_id", hasItem(TASK));
        annotations = overallOfBaseModel();
        assertEquals(1, annotations.getList("items").size());
        assertEquals(6, annotations.getInt("items[0].value"));
        long annotationsAfterRecall = db.count("select count(*) from annotation");
        assertTrue(annotationsAfterRecall > 0);
        assertEquals(annotationsBeforeRecall, annotationsAfterRecall);
        assertEquals(
                annotationsAfterRecall,
                Api.reader()
                        .queryParam("task_id", TASK)
                        .queryParam("limit", 1000)
                        .get("/api/v1/annotations")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items")
                        .size(),
                "every annotation of the recalled task stays queryable");
    }

    // --- 4. paging the inbox ----------------------------------------------------------------------

    private void insertDelivery(String taskId, String state) {
        // queued rows are due in an hour, so the running worker leaves them alone
        db.execute("insert into delivery (task_id, state, source, attempts, next_attempt_at, received_at, queued_at,"
                + " updated_at) values ('" + taskId + "', '" + state + "', 'callback', 1, now() + interval '1 hour',"
                + " now(), now(), now())");
    }

    /** Pages to the end and returns (task id -> state) of every item, failing on a repeat. */
    private static Map<String, String> pageAll(String state, int limit, List<Integer> pageSizes) {
        Map<String, String> seen = new TreeMap<>();
        String cursor = null;
        for (int page = 0; page < 50; page++) {
            var request = Api.admin().queryParam("limit", limit);
            if (state != null) {
                request.queryParam("state", state);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath body = request.get("/api/v1/deliveries")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            pageSizes.add(items.size());
            for (Map<String, Object> item : items) {
                String previous = seen.put((String) item.get("task_id"), (String) item.get("state"));
                assertNull(previous, "seen twice: " + item.get("task_id"));
            }
            cursor = body.getString("next_cursor");
            if (cursor == null) {
                return seen;
            }
        }
        throw new AssertionError("next_cursor never became null");
    }

    @Test
    void pagingTheInboxSeesEveryDeliveryOnceAndEndsWithANullCursor() {
        List<String> stored = List.of("pg_s1", "pg_s2", "pg_s3", "pg_s4");
        List<String> failed = List.of("pg_f1", "pg_f2", "pg_f3");
        List<String> queued = List.of("pg_q1", "pg_q2", "pg_q3");
        // interleaved, so a state's rows are not one id range
        for (int i = 0; i < 4; i++) {
            insertDelivery(stored.get(i), "stored");
            if (i < 3) {
                insertDelivery(failed.get(i), "failed");
                insertDelivery(queued.get(i), "queued");
            }
        }

        List<Integer> sizes = new ArrayList<>();
        Map<String, String> all = pageAll(null, 3, sizes);
        assertEquals(10, all.size());
        assertEquals(List.of(3, 3, 3, 1), sizes);
        stored.forEach(t -> assertEquals("stored", all.get(t)));
        failed.forEach(t -> assertEquals("failed", all.get(t)));
        queued.forEach(t -> assertEquals("queued", all.get(t)));

        // four stored rows in pages of two: the second page is the last, no empty third page
        sizes.clear();
        Map<String, String> onlyStored = pageAll("stored", 2, sizes);
        assertEquals(Set.copyOf(stored), onlyStored.keySet());
        assertEquals(List.of(2, 2), sizes);

        sizes.clear();
        Map<String, String> onlyFailed = pageAll("failed", 2, sizes);
        assertEquals(Set.copyOf(failed), onlyFailed.keySet());
        assertEquals(List.of(2, 1), sizes);

        sizes.clear();
        assertEquals(Map.of(), pageAll("fetching", 2, sizes));
        assertEquals(List.of(0), sizes);

        for (String bad : List.of("done", "STORED")) {
            Api.admin()
                    .queryParam("state", bad)
                    .get("/api/v1/deliveries")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors.field", hasItem("state"));
        }
        Api.admin()
                .queryParam("cursor", "not-a-cursor")
                .get("/api/v1/deliveries")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("cursor"));
        Api.admin()
                .queryParam("limit", 0)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("limit"));
    }

    // --- 5. two workers, one database -------------------------------------------------------------

    @Test
    void twoWorkersOnOneDatabaseFetchAndStoreEveryTaskExactlyOnce() throws Exception {
        List<String> taskIds = IntStream.rangeClosed(1, 30)
                .mapToObj(i -> String.format("mw_%02d", i))
                .toList();
        for (String taskId : taskIds) {
            scale.stubFor(get(urlPathEqualTo("/v2/task"))
                    .withQueryParam("task_id", WireMock.equalTo(taskId))
                    .willReturn(json(minimalTask(taskId)).withFixedDelay(250)));
        }
        // Both workers start on a full queue, so they contend for the same rows from the start.
        worker.stop();
        for (String taskId : taskIds) {
            callback(Fixtures.callbackFor(taskId));
        }
        assertEquals(30, db.count("select count(*) from delivery where state = 'queued'"));

        // A second replica: its own IngestWorker (own worker id, pool and dispatcher).
        IngestWorker second = new IngestWorker(config, inbox, processor, keyGate, throttle);
        Set<String> claimers = new HashSet<>();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = new Thread(() -> {
            while (watching.get()) {
                String holders =
                        db.string("select string_agg(distinct claimed_by, ',') from delivery where state = 'fetching'");
                if (holders != null) {
                    synchronized (claimers) {
                        claimers.addAll(List.of(holders.split(",")));
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        try {
            watcher.start();
            second.start();
            worker.start();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> db.count("select count(*) from delivery where state = 'stored'") == 30);
        } finally {
            watching.set(false);
            watcher.join(2000);
            second.stop();
        }

        Map<String, Long> fetchesPerTask = scale.findAll(getRequestedFor(urlPathEqualTo("/v2/task"))).stream()
                .map(r -> r.queryParameter("task_id").firstValue())
                .collect(Collectors.groupingBy(t -> t, TreeMap::new, Collectors.counting()));
        assertEquals(Set.copyOf(taskIds), fetchesPerTask.keySet());
        fetchesPerTask.forEach((taskId, n) -> assertEquals(1L, n, taskId + " was fetched " + n + " times"));
        assertEquals(30, db.count("select count(*) from task"));
        assertEquals(30, db.count("select count(distinct task_id) from task"));
        assertEquals(30, db.count("select count(*) from annotation"), "one annotation per task, written once");
        assertEquals(0, db.count("select count(*) from delivery where state <> 'stored' or claimed_by is not null"));
        assertEquals(30, db.count("select count(*) from delivery where attempts = 1"));
        synchronized (claimers) {
            assertEquals(2, claimers.size(), "both workers should have claimed deliveries: " + claimers);
        }
        List<LoggedRequest> all = scale.findAll(getRequestedFor(urlPathEqualTo("/v2/task")));
        assertEquals(30, all.size());
    }
}
