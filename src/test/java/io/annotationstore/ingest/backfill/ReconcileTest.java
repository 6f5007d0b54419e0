package io.annotationstore.ingest.backfill;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.Ingest;
import io.annotationstore.support.InjectWireMock;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled reconciliation, switched on with two projects. The schedule's first run is 30 s after
 * start, so the test calls the scheduled method itself (what the scheduler would call).
 */
@QuarkusTest
@TestProfile(ReconcileTest.ReconcileOn.class)
@WithTestResource(ScaleStandIn.class)
class ReconcileTest {

    static final String PROJECT_A = "Reconcile Project A";
    static final String PROJECT_B = "Reconcile Project B";
    static final Duration EVERY = Duration.ofMinutes(10);
    static final Duration OVERLAP = Duration.ofMinutes(20);

    public static class ReconcileOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ingest.reconcile.enabled", "true",
                    "ingest.reconcile.projects", PROJECT_A + "," + PROJECT_B,
                    "ingest.reconcile.every", "10m",
                    "ingest.reconcile.overlap", "20m");
        }
    }

    @InjectWireMock
    WireMockServer scale;

    @Inject
    Database db;

    @Inject
    Reconciler reconciler;

    @BeforeEach
    void reset() {
        scale.resetAll();
        db.clear();
        db.execute("truncate backfill cascade");
    }

    private static String task(String id, String project) {
        return "{\"task_id\":\"" + id + "\",\"project\":\"" + project + "\",\"status\":\"completed\","
                + "\"created_at\":\"2025-03-04T10:16:02.511Z\",\"completed_at\":\"2025-03-05T09:01:44.020Z\","
                + "\"threads\":[{\"id\":\"thread_0\",\"turns\":[],\"annotations\":[{\"key\":\"ok\",\"value\":1}]}]}";
    }

    /** Serves the project's task list in pages of two (the test profile's page size), and each task. */
    private void serveProject(String project, List<String> taskIds) {
        for (int p = 0; p * 2 < taskIds.size(); p++) {
            List<String> page = taskIds.subList(p * 2, Math.min(taskIds.size(), p * 2 + 2));
            boolean last = p * 2 + 2 >= taskIds.size();
            String next = last ? "null" : "\"" + project.replace(' ', '-') + "-page-" + (p + 2) + "\"";
            String tasks = page.stream().map(id -> task(id, project)).collect(Collectors.joining(","));
            scale.stubFor(get(urlPathEqualTo("/v2/tasks"))
                    .withQueryParam("project_name", WireMock.equalTo(project))
                    .withQueryParam("status", WireMock.equalTo("completed"))
                    .withQueryParam(
                            "next_token",
                            p == 0 ? absent() : WireMock.equalTo(project.replace(' ', '-') + "-page-" + (p + 1)))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"tasks\":[" + tasks + "],\"next_token\":" + next + "}")));
            for (String id : page) {
                Ingest.serveTask(scale, id, task(id, project));
            }
        }
    }

    @Test
    void reconciliationPagesEachProjectSinceEveryPlusOverlapAndStoresTasksWhoseCallbackNeverCame() {
        serveProject(PROJECT_A, List.of("rc_a1", "rc_a2", "rc_a3"));
        serveProject(PROJECT_B, List.of("rc_b1"));
        // rc_a1's callback did arrive; the others' never did.
        Api.scale()
                .body(Fixtures.callbackFor("rc_a1"))
                .post("/webhooks/scale")
                .then()
                .statusCode(202);
        Ingest.awaitState("rc_a1", "stored");
        assertEquals(1, db.count("select count(*) from task"));

        // rc_b1's fetch failed for good earlier (say Scale did not list it yet): it is tried again.
        db.execute("insert into delivery (task_id, state, source, attempts, next_attempt_at, last_error_status,"
                + " last_error, received_at, queued_at, updated_at) values ('rc_b1', 'failed', 'callback', 1, now(),"
                + " 404, 'not found', now(), now(), now())");

        Instant before = Instant.now();
        reconciler.reconcile();
        Instant after = Instant.now();

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> db.count("select count(*) from delivery where state = 'stored'") == 4);
        for (String id : List.of("rc_a1", "rc_a2", "rc_a3", "rc_b1")) {
            Ingest.awaitState(id, "stored");
        }
        assertEquals(4, db.count("select count(*) from task"));
        assertEquals(2, db.count("select count(*) from backfill where origin = 'reconcile' and state = 'finished'"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> db.count("select count(*) from backfill where state = 'finished'") == 2);

        List<LoggedRequest> lists = scale.findAll(getRequestedFor(urlPathEqualTo("/v2/tasks")));
        // A: two pages, B: one page
        assertEquals(3, lists.size());
        assertEquals(
                2,
                lists.stream()
                        .filter(r -> PROJECT_A.equals(
                                r.queryParameter("project_name").firstValue()))
                        .count());
        assertEquals(
                1,
                lists.stream()
                        .filter(r -> PROJECT_B.equals(
                                r.queryParameter("project_name").firstValue()))
                        .count());
        Duration window = EVERY.plus(OVERLAP);
        for (LoggedRequest list : lists) {
            assertTrue(list.queryParameter("completed_after").isPresent(), "no completed_after: " + list.getUrl());
            Instant completedAfter =
                    Instant.parse(list.queryParameter("completed_after").firstValue());
            assertFalse(
                    completedAfter.isBefore(before.minus(window)) || completedAfter.isAfter(after.minus(window)),
                    "completed_after " + completedAfter + " is not now - (every + overlap) = " + before.minus(window)
                            + " .. " + after.minus(window));
            assertEquals("completed", list.queryParameter("status").firstValue());
        }
        // Only the tasks the service had never heard of are fetched: rc_a1 was stored already.
        assertEquals(
                1,
                scale.findAll(getRequestedFor(urlPathEqualTo("/v2/task"))
                                .withQueryParam("task_id", WireMock.equalTo("rc_a1")))
                        .size());
        assertEquals("callback", db.string("select source from delivery where task_id = 'rc_a1'"));
        for (String id : List.of("rc_a2", "rc_a3", "rc_b1")) {
            assertEquals(
                    "backfill",
                    db.string("select source from delivery where task_id = '" + id + "'"),
                    id + " was queued by the reconciliation");
        }

        // Each reconciliation's progress counts what it queued, not what it only listed.
        long a = db.count("select id from backfill where project_name = '" + PROJECT_A + "'");
        long b = db.count("select id from backfill where project_name = '" + PROJECT_B + "'");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertProgress(a, 3, 2, 2);
            assertProgress(b, 1, 1, 1);
        });

        // A second run within half an interval starts nothing new (any replica's run counts).
        reconciler.reconcile();
        assertEquals(2, db.count("select count(*) from backfill where origin = 'reconcile'"));
    }

    private static void assertProgress(long backfillId, int seen, int queued, int stored) {
        Api.admin()
                .get("/api/v1/backfill/" + backfillId)
                .then()
                .body("tasks_seen", equalTo(seen))
                .body("tasks_queued", equalTo(queued))
                .body("tasks_stored", equalTo(stored));
    }
}
