package io.annotationstore.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.agroal.api.AgroalDataSource;
import io.annotationstore.scale.ScaleDocumentParser;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.Ingest;
import io.annotationstore.support.InjectWireMock;
import io.annotationstore.support.ScaleStandIn;
import io.annotationstore.task.StoreOutcome;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class IngestReliabilityTest {

    private static final String TASK = Fixtures.PAIRWISE_ID;

    @InjectWireMock
    WireMockServer scale;

    @Inject
    Database db;

    @Inject
    IngestWorker worker;

    @Inject
    InboxService inbox;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IngestConfig config;

    @BeforeEach
    void reset() {
        scale.resetAll();
        db.clear();
    }

    @AfterEach
    void workerRunsAgain() {
        worker.start();
    }

    private void serveSlowly(int delayMillis) {
        scale.stubFor(get(urlPathEqualTo("/v2/task"))
                .withQueryParam("task_id", WireMock.equalTo(TASK))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.text(Fixtures.PAIRWISE))
                        .withFixedDelay(delayMillis)));
    }

    private int fetches() {
        return scale.findAll(getRequestedFor(urlPathEqualTo("/v2/task"))).size();
    }

    @Test
    void fiftyConcurrentIdenticalCallbacksFetchAndStoreOnce() throws Exception {
        serveSlowly(300);
        String body = Fixtures.callbackFor(TASK);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> Api.scale().body(body).post("/webhooks/scale").statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(calls)) {
            statuses.add(f.get());
        }
        pool.shutdown();

        assertEquals(List.of(202), statuses.stream().distinct().toList());
        Ingest.awaitState(TASK, "stored");
        Thread.sleep(500);
        assertEquals(1, fetches());
        assertEquals(1, db.count("select count(*) from delivery"));
        assertEquals(50, db.count("select callback_count from delivery"));
        assertEquals(1, db.count("select count(*) from task"));
    }

    @Test
    void aCallbackWithNewContentDuringAFetchFetchesAgainAfterwards() {
        serveSlowly(600);
        Api.scale().body(Fixtures.callbackFor(TASK)).post("/webhooks/scale");
        await().atMost(Duration.ofSeconds(5)).until(() -> "fetching".equals(db.string("select state from delivery")));
        Api.scale()
                .body("{\"task_id\":\"task_123\",\"status\":\"completed\",\"audit\":\"fixed\"}")
                .post("/webhooks/scale");
        await().atMost(Duration.ofSeconds(10)).until(() -> fetches() == 2);
        Ingest.awaitState(TASK, "stored");
    }

    @Test
    void aDeliveryWhoseWorkerVanishedIsTakenOverWhenItsLeaseEnds() {
        serveSlowly(0);
        db.execute("insert into delivery (task_id, state, source, attempts, next_attempt_at, lease_until, claimed_by,"
                + " received_at, queued_at, updated_at) values ('task_123', 'fetching', 'callback', 1, now(),"
                + " now() - interval '1 second', 'worker-that-died', now(), now(), now())");
        Ingest.awaitState(TASK, "stored");
        assertEquals(1, db.count("select count(*) from task"));
        assertEquals(2, db.count("select attempts from delivery"));
    }

    @Test
    void aDeliveryWhoseFetchKeepsOutlivingItsLeaseFailsAtTheAttemptCapInsteadOfLoopingForEver() {
        worker.stop();
        int cap = config.retry().maxAttempts();
        db.execute("insert into delivery (task_id, state, source, attempts, next_attempt_at, lease_until, claimed_by,"
                + " received_at, queued_at, updated_at) values ('task_123', 'fetching', 'callback', " + (cap - 1)
                + ", now(), now() - interval '1 second', 'worker-that-died', now(), now(), now())");
        assertEquals(
                1, inbox.claim("worker-a", 1, Duration.ofMinutes(1)).claims().size());
        db.execute("update delivery set lease_until = now() - interval '1 second'");

        DeliveryRepository.Claimed claimed = inbox.claim("worker-b", 1, Duration.ofMinutes(1));
        assertEquals(List.of(), claimed.claims());
        assertEquals(List.of(TASK), claimed.abandoned());
        assertEquals("failed", db.string("select state from delivery"));
        assertEquals(cap, db.count("select attempts from delivery"));
        assertEquals(0, db.count("select count(*) from delivery where claimed_by is not null"));
        Api.admin()
                .get("/api/v1/deliveries")
                .then()
                .body("items[0].last_error", containsString("gave up after " + cap + " attempts"));
    }

    @Test
    void aCallbackThatCameDuringAnAbandonedFetchQueuesTheTaskAgain() {
        worker.stop();
        int cap = config.retry().maxAttempts();
        db.execute("insert into delivery (task_id, state, source, attempts, next_attempt_at, lease_until, claimed_by,"
                + " received_at, queued_at, updated_at) values ('task_123', 'fetching', 'callback', " + cap
                + ", now(), now() + interval '1 hour', 'worker-that-died', now(), now(), now())");
        Api.scale()
                .body("{\"task_id\":\"task_123\",\"status\":\"completed\",\"audit\":\"fixed\"}")
                .post("/webhooks/scale")
                .then()
                .statusCode(202);
        db.execute("update delivery set lease_until = now() - interval '1 second'");

        DeliveryRepository.Claimed claimed = inbox.claim("worker-a", 1, Duration.ofMinutes(1));
        assertEquals(List.of(), claimed.abandoned());
        assertEquals(List.of(TASK), claimed.claims().stream().map(Claim::taskId).toList());
        assertEquals(1, db.count("select attempts from delivery"));
    }

    @Test
    void aDeliveryAbandonedPastTheMaximumAgeFailsWhenItsLeaseEnds() {
        worker.stop();
        db.execute("insert into delivery (task_id, state, source, attempts, next_attempt_at, lease_until, claimed_by,"
                + " received_at, queued_at, updated_at) values ('task_123', 'fetching', 'callback', 1, now(),"
                + " now() - interval '1 second', 'worker-that-died', now() - interval '30 days',"
                + " now() - interval '30 days', now())");

        assertEquals(
                List.of(TASK), inbox.claim("worker-a", 1, Duration.ofMinutes(1)).abandoned());
        assertEquals("failed", db.string("select state from delivery"));
    }

    @Test
    void aWorkerThatLostItsClaimCannotStoreTheTask() {
        worker.stop();
        inbox.enqueue(TASK, InboxService.SOURCE_REFRESH);
        Claim first = inbox.claim("worker-a", 1, Duration.ofMinutes(1)).claims().get(0);
        db.execute("update delivery set lease_until = now() - interval '1 second'");
        Claim second =
                inbox.claim("worker-b", 1, Duration.ofMinutes(1)).claims().get(0);
        var task = ScaleDocumentParser.parse(Fixtures.json(Fixtures.PAIRWISE));

        assertThrows(
                InboxService.LostClaimException.class,
                () -> inbox.storeFetched(first, "worker-a", task, Fixtures.text(Fixtures.PAIRWISE), "hash-a"));
        assertEquals(0, db.count("select count(*) from task"));
        assertEquals(
                StoreOutcome.CREATED,
                inbox.storeFetched(second, "worker-b", task, Fixtures.text(Fixtures.PAIRWISE), "hash-b"));
        assertEquals(1, db.count("select count(*) from task"));
        assertEquals("stored", db.string("select state from delivery"));
    }

    @Test
    void givingBackClaimsAtShutdownLocksInTaskIdOrderSoItCannotDeadlockWithABackfill() throws Exception {
        worker.stop();
        // Inserted b first: a scan of the table meets b before a, the opposite of task-id order.
        inbox.enqueue("b_task", InboxService.SOURCE_REFRESH);
        inbox.enqueue("a_task", InboxService.SOURCE_REFRESH);
        assertEquals(
                2,
                inbox.claim("worker-stopping", 2, Duration.ofMinutes(1))
                        .claims()
                        .size());
        try (Connection backfill = dataSource.getConnection()) {
            // A backfill's transaction queues a_task, then b_task (the inbox's lock order).
            backfill.setAutoCommit(false);
            backfill.createStatement().execute("update delivery set updated_at = now() where task_id = 'a_task'");
            CompletableFuture<Integer> released =
                    CompletableFuture.supplyAsync(() -> inbox.releaseAll("worker-stopping"));
            Thread.sleep(300);
            backfill.createStatement().execute("update delivery set updated_at = now() where task_id = 'b_task'");
            backfill.commit();
            assertEquals(2, released.get(10, TimeUnit.SECONDS));
        }
        assertEquals(0, db.count("select count(*) from delivery where state = 'fetching'"));
    }

    @Test
    void shutdownLetsAnInFlightFetchFinish() {
        serveSlowly(500);
        Api.scale().body(Fixtures.callbackFor(TASK)).post("/webhooks/scale");
        await().atMost(Duration.ofSeconds(5)).until(() -> "fetching".equals(db.string("select state from delivery")));

        worker.stop();

        assertEquals("stored", db.string("select state from delivery"));
    }

    @Test
    void shutdownGivesBackAFetchThatOutlastsTheGrace() {
        serveSlowly(3000);
        Api.scale().body(Fixtures.callbackFor(TASK)).post("/webhooks/scale");
        await().atMost(Duration.ofSeconds(5)).until(() -> "fetching".equals(db.string("select state from delivery")));

        worker.stop();

        assertEquals(0, db.count("select count(*) from delivery where state = 'fetching'"));
        assertEquals("queued", db.string("select state from delivery"));
        assertEquals(0, db.count("select attempts from delivery"));
        // The released delivery must not be fetched by the restarted worker during the next test,
        // and WireMock journals the slow request only when it answers: let both settle here.
        db.clear();
        await().atMost(Duration.ofSeconds(5)).until(() -> fetches() == 1);
    }

    @Test
    void anOperatorRefreshRefetchesAStoredTask() {
        serveSlowly(0);
        Api.scale().body(Fixtures.callbackFor(TASK)).post("/webhooks/scale");
        Ingest.awaitState(TASK, "stored");

        Api.admin().post("/api/v1/tasks/" + TASK + "/refresh").then().statusCode(202);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertEquals(2, fetches()));
        Ingest.awaitState(TASK, "stored");
        Api.admin().post("/api/v1/tasks/task_unknown/refresh").then().statusCode(404);
    }

    @Test
    void exposesIngestMetrics() {
        serveSlowly(0);
        Api.scale().body(Fixtures.callbackFor(TASK)).post("/webhooks/scale");
        given().header("scale-callback-auth", "wrong")
                .contentType("application/json")
                .body("{}")
                .post("/webhooks/scale");
        Ingest.awaitState(TASK, "stored");

        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("ingest_callbacks_total{outcome=\"accepted\""))
                .body(containsString("reason=\"wrong_key\""))
                .body(containsString("ingest_fetch_seconds_count{outcome=\"found\",status=\"200\"}"))
                .body(containsString("ingest_tasks_stored_total{outcome=\"created\"}"))
                .body(containsString("ingest_callback_to_queryable_seconds_count"))
                .body(containsString("ingest_deliveries{state=\"queued\"}"))
                .body(containsString("ingest_oldest_queued_age_seconds"))
                .body(containsString("ingest_scale_key_rejected"));
    }
}
