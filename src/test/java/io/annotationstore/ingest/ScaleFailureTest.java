package io.annotationstore.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
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
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class ScaleFailureTest {

    private static final String TASK = Fixtures.PAIRWISE_ID;

    @InjectWireMock
    WireMockServer scale;

    @Inject
    Database db;

    @BeforeEach
    void reset() {
        scale.resetAll();
        db.clear();
    }

    private void answer(ResponseDefinitionBuilder response) {
        scale.stubFor(get(urlPathEqualTo("/v2/task"))
                .withQueryParam("task_id", WireMock.equalTo(TASK))
                .willReturn(response));
    }

    private void answerInTurn(ResponseDefinitionBuilder... responses) {
        Ingest.answerInTurn(scale, TASK, responses);
    }

    private static ResponseDefinitionBuilder task() {
        return aResponse().withHeader("Content-Type", "application/json").withBody(Fixtures.text(Fixtures.PAIRWISE));
    }

    private static ResponseDefinitionBuilder status(int status) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status_code\":" + status + ",\"error\":\"scale says " + status + "\"}");
    }

    private static void callback(String taskId) {
        Api.scale()
                .body(Fixtures.callbackFor(taskId))
                .post("/webhooks/scale")
                .then()
                .statusCode(202);
    }

    private int fetches() {
        return scale.findAll(getRequestedFor(urlPathEqualTo("/v2/task"))).size();
    }

    @Test
    void failsAtOnceWithOneRequestWhenScaleAnswers404() {
        answer(aResponse().withStatus(404).withBody(Fixtures.text("error-404.json")));
        callback(TASK);
        Ingest.awaitState(TASK, "failed");

        Api.admin()
                .queryParam("state", "failed")
                .get("/api/v1/deliveries")
                .then()
                .body("items[0].task_id", equalTo(TASK))
                .body("items[0].last_error_status", equalTo(404))
                .body("items[0].last_error", equalTo("Task not found"))
                .body("items[0].attempts", equalTo(1));
        assertEquals(1, fetches());
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void failsARedirectAtOnceInsteadOfLeavingTheDeliveryClaimed() {
        answer(aResponse().withStatus(302).withHeader("Location", "https://elsewhere.example/v2/task"));
        callback(TASK);
        Ingest.awaitState(TASK, "failed");

        Api.admin()
                .get("/api/v1/deliveries")
                .then()
                .body("items[0].last_error_status", equalTo(302))
                .body("items[0].last_error", containsString("scale-api.url"));
        assertEquals(1, fetches());
    }

    @Test
    void retries500UntilScaleAnswers() {
        answerInTurn(status(500), status(503), task());
        callback(TASK);
        Ingest.awaitState(TASK, "stored");
        assertEquals(3, fetches());
    }

    @Test
    void givesUpAfterTheAttemptCapWhenScaleKeepsFailing() {
        answer(status(500));
        callback(TASK);
        Ingest.awaitState(TASK, "failed");

        Api.admin()
                .get("/api/v1/deliveries")
                .then()
                .body("items[0].attempts", equalTo(4))
                .body("items[0].last_error_status", equalTo(500))
                .body("items[0].last_error", containsString("scale says 500"));
        assertEquals(4, fetches());
    }

    @Test
    void waitsAsLongAsRetryAfterAsksOn429() {
        answerInTurn(status(429).withHeader("Retry-After", "1"), task());
        callback(TASK);
        Ingest.awaitState(TASK, "stored");

        List<LoggedRequest> requests = scale.findAll(getRequestedFor(urlPathEqualTo("/v2/task")));
        assertEquals(2, requests.size());
        long waited = requests.get(1).getLoggedDate().getTime()
                - requests.get(0).getLoggedDate().getTime();
        assertTrue(waited >= 900, "waited only " + waited + " ms");
    }

    @Test
    void a429HoldsBackEveryFetchOfTheReplicaForItsRetryAfterWithoutMakingItUnready() {
        answer(status(429).withHeader("Retry-After", "3"));
        Ingest.serveTask(scale, Fixtures.ALL_TYPES_ID, Fixtures.text(Fixtures.ALL_TYPES));
        callback(TASK);
        await().atMost(Duration.ofSeconds(5)).until(() -> fetches() == 1);
        given().get("/q/metrics").then().body(containsString("ingest_scale_rate_limited 1.0"));
        given().get("/q/health/ready").then().statusCode(200);

        callback(Fixtures.ALL_TYPES_ID);
        Ingest.awaitState(Fixtures.ALL_TYPES_ID, "stored");

        List<LoggedRequest> requests = scale.findAll(getRequestedFor(urlPathEqualTo("/v2/task")));
        long held = requests.stream()
                        .filter(r -> r.getUrl().contains(Fixtures.ALL_TYPES_ID))
                        .findFirst()
                        .orElseThrow()
                        .getLoggedDate()
                        .getTime()
                - requests.get(0).getLoggedDate().getTime();
        assertTrue(held >= 2900, "the other task was fetched " + held + " ms after the 429");
    }

    @Test
    void retriesATimeout() {
        answerInTurn(task().withFixedDelay(3000), task());
        callback(TASK);
        Ingest.awaitState(TASK, "stored");
        assertEquals(2, fetches());
    }

    @Test
    void retriesMalformedJsonAndRecordsWhy() {
        answer(aResponse().withHeader("Content-Type", "application/json").withBody("{\"task_id\": \"task_123\", "));
        callback(TASK);
        Ingest.awaitState(TASK, "failed");
        Api.admin().get("/api/v1/deliveries").then().body("items[0].last_error", containsString("malformed JSON"));
        assertEquals(4, fetches());
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void otherDeliveriesProceedWhileOneFails() {
        answer(status(500).withFixedDelay(200));
        Ingest.serveTask(scale, Fixtures.ALL_TYPES_ID, Fixtures.text(Fixtures.ALL_TYPES));
        callback(TASK);
        callback(Fixtures.ALL_TYPES_ID);
        Ingest.awaitState(Fixtures.ALL_TYPES_ID, "stored");
        Ingest.awaitState(TASK, "failed");
    }

    /** The pairwise fixture as the document of task {@code taskId}. */
    private static String pairwiseAs(String taskId) {
        return Fixtures.text(Fixtures.PAIRWISE).replace("\"" + TASK + "\"", "\"" + taskId + "\"");
    }

    private int fetchesOf(String taskId) {
        return scale.findAll(
                        getRequestedFor(urlPathEqualTo("/v2/task")).withQueryParam("task_id", WireMock.equalTo(taskId)))
                .size();
    }

    private long deliveries(String state) {
        return db.count("select count(*) from delivery where state = '" + state + "'");
    }

    @Test
    void aRejectedKeyFailsOneDeliveryAndHoldsTheRestUntilScaleAcceptsItAgain() {
        List<String> tasks = IntStream.range(0, 10).mapToObj(i -> "key_" + i).toList();
        scale.stubFor(get(urlPathEqualTo("/v2/task")).willReturn(status(401)));
        tasks.forEach(ScaleFailureTest::callback);
        await().atMost(Duration.ofSeconds(5)).until(() -> deliveries("failed") == 1);
        String refused = db.string("select task_id from delivery where state = 'failed'");
        given().get("/q/health/ready")
                .then()
                .statusCode(503)
                .body("checks.find { it.name == 'ingest' }.data.scale_api_key", equalTo("rejected"));
        Api.admin()
                .get("/api/v1/deliveries?state=failed")
                .then()
                .body("items[0].last_error", containsString("rejected the API key"))
                .body("items[0].last_error_status", equalTo(401));
        given().get("/q/metrics").then().body(containsString("ingest_scale_key_rejected 1.0"));

        // After each pause (1 s here) only the refused task is asked for again; the rest wait.
        await().atMost(Duration.ofSeconds(10)).until(() -> fetchesOf(refused) >= 3);
        assertEquals(1, deliveries("failed"));
        assertEquals(9, deliveries("queued"));
        given().get("/q/health/ready").then().statusCode(503);

        scale.resetAll();
        tasks.forEach(task -> Ingest.serveTask(scale, task, pairwiseAs(task)));
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("stored") == 10);
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/metrics").then().body(containsString("ingest_scale_key_rejected 0.0"));
        assertEquals(10, db.count("select count(*) from task"));
    }

    @Test
    void readinessRecoversFromARejectedKeyWithNothingElseQueued() {
        answerInTurn(status(401), task());
        callback(TASK);
        Ingest.awaitState(TASK, "failed");
        given().get("/q/health/ready").then().statusCode(503);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        Ingest.awaitState(TASK, "stored");
        assertEquals(1, db.count("select count(*) from task"));
    }

    @Test
    void a403ForOneTaskOnlyClosesFetchingForOnePauseAndLeavesThatDeliveryFailed() {
        Ingest.serveTask(scale, Fixtures.ALL_TYPES_ID, Fixtures.text(Fixtures.ALL_TYPES));
        callback(Fixtures.ALL_TYPES_ID);
        Ingest.awaitState(Fixtures.ALL_TYPES_ID, "stored");
        answer(status(403));
        callback(TASK);
        Ingest.awaitState(TASK, "failed");
        given().get("/q/health/ready").then().statusCode(503);

        // After the pause Scale is asked for a task it served before: it still does, so the key works.
        Ingest.serveTask(scale, "key_1", pairwiseAs("key_1"));
        callback("key_1");
        Ingest.awaitState("key_1", "stored");
        given().get("/q/health/ready").then().statusCode(200);
        Api.admin()
                .get("/api/v1/deliveries?state=failed")
                .then()
                .body("items.task_id", contains(TASK))
                .body("items[0].last_error_status", equalTo(403));
        assertEquals(1, fetchesOf(TASK));
    }

    private void refuse(String taskId, int status) {
        scale.stubFor(get(urlPathEqualTo("/v2/task"))
                .withQueryParam("task_id", WireMock.equalTo(taskId))
                .willReturn(status(status)));
    }

    @Test
    void a403ForOneTaskWithNothingStoredYetClosesFetchingForOnePauseOnly() {
        refuse("forbidden_1", 403);
        callback("forbidden_1");
        Ingest.awaitState("forbidden_1", "failed");
        Ingest.serveTask(scale, "ok_1", pairwiseAs("ok_1"));
        callback("ok_1");

        // The probe asks for the refused task again: a 403 shows the key authenticates.
        Ingest.awaitState("ok_1", "stored");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        assertEquals("failed", db.string("select state from delivery where task_id = 'forbidden_1'"));
    }

    @Test
    void a401RefusedDeliveryIsQueuedAgainWhenAFetchAlreadyUnderWayShowsTheKeyWorks() {
        scale.stubFor(get(urlPathEqualTo("/v2/task"))
                .withQueryParam("task_id", WireMock.equalTo("slow_1"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withFixedDelay(1000)
                        .withBody(pairwiseAs("slow_1"))));
        refuse("refused_1", 401);
        callback("slow_1");
        Ingest.awaitState("slow_1", "fetching");
        callback("refused_1");
        Ingest.awaitState("refused_1", "failed");
        Ingest.serveTask(scale, "refused_1", pairwiseAs("refused_1"));

        Ingest.awaitState("slow_1", "stored");
        Ingest.awaitState("refused_1", "stored");
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void aRetryAfterLongerThanTheMaximumBackOffIsHonouredOnlyThatLong() {
        answerInTurn(status(429).withHeader("Retry-After", "200000"), task());
        Ingest.serveTask(scale, Fixtures.ALL_TYPES_ID, Fixtures.text(Fixtures.ALL_TYPES));
        callback(TASK);
        await().atMost(Duration.ofSeconds(5)).until(() -> fetches() == 1);
        callback(Fixtures.ALL_TYPES_ID);

        Ingest.awaitState(Fixtures.ALL_TYPES_ID, "stored");
        Ingest.awaitState(TASK, "stored");
        assertEquals(3, fetches());
    }

    @Test
    void aNewCallbackDuringAFetchThatFailsForGoodFetchesAgain() {
        answerInTurn(status(404).withFixedDelay(800), task());
        callback(TASK);
        await().atMost(Duration.ofSeconds(5)).until(() -> "fetching".equals(db.string("select state from delivery")));
        Api.scale()
                .body("{\"task_id\":\"" + TASK + "\",\"status\":\"completed\",\"audit\":\"fixed\"}")
                .post("/webhooks/scale")
                .then()
                .statusCode(202);

        Ingest.awaitState(TASK, "stored");
        assertEquals(2, fetches());
    }

    @Test
    void anOperatorRetriesAFailedDelivery() {
        answer(aResponse().withStatus(404));
        callback(TASK);
        Ingest.awaitState(TASK, "failed");

        answer(task());
        Api.admin().post("/api/v1/deliveries/" + TASK + "/retry").then().statusCode(202);
        Ingest.awaitState(TASK, "stored");
        Api.admin().post("/api/v1/deliveries/" + TASK + "/retry").then().statusCode(409);
        Api.admin().post("/api/v1/deliveries/task_unknown/retry").then().statusCode(404);
    }
}
