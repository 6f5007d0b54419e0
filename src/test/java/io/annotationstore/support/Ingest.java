package io.annotationstore.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;

/** Arranging Scale's answers and waiting for the ingest, shared by the ingest tests. */
public final class Ingest {

    private Ingest() {}

    /** Makes the stand-in serve {@code body} for {@code GET /v2/task?task_id=taskId}. */
    public static void serveTask(WireMockServer scale, String taskId, String body) {
        scale.stubFor(get(urlPathEqualTo("/v2/task"))
                .withQueryParam("task_id", WireMock.equalTo(taskId))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));
    }

    /** Makes the stand-in answer each response in turn for the task, then the last one for ever. */
    public static void answerInTurn(WireMockServer scale, String taskId, ResponseDefinitionBuilder... responses) {
        for (int i = 0; i < responses.length; i++) {
            scale.stubFor(get(urlPathEqualTo("/v2/task"))
                    .withQueryParam("task_id", WireMock.equalTo(taskId))
                    .inScenario("turns of " + taskId)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "turn-" + i)
                    .willSetStateTo("turn-" + Math.min(i + 1, responses.length - 1))
                    .willReturn(responses[i]));
        }
    }

    /** Waits until the task's delivery is in {@code state}, as operators see it. */
    public static void awaitState(String taskId, String state) {
        await().atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> Api.admin()
                        .queryParam("limit", 1000)
                        .get("/api/v1/deliveries")
                        .then()
                        .statusCode(200)
                        .body("items.find { it.task_id == '" + taskId + "' }.state", equalTo(state)));
    }
}
