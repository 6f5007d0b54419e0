package io.annotationstore.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.havingExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class CallbackPipelineTest {

    @InjectWireMock
    WireMockServer scale;

    @Inject
    Database db;

    @BeforeEach
    void reset() {
        scale.resetAll();
        db.clear();
    }

    @ParameterizedTest
    @CsvSource({Fixtures.PAIRWISE + "," + Fixtures.PAIRWISE_ID, Fixtures.ALL_TYPES + "," + Fixtures.ALL_TYPES_ID})
    void storesWhatScaleServedAfterACallback(String fixture, String taskId) {
        Ingest.serveTask(scale, taskId, Fixtures.text(fixture));

        Api.scale()
                .body(Fixtures.callbackFor(taskId))
                .post("/webhooks/scale")
                .then()
                .statusCode(202)
                .body("task_id", equalTo(taskId))
                .body("delivery_state", equalTo("queued"));
        Ingest.awaitState(taskId, "stored");

        String served = Api.reader()
                .get("/api/v1/tasks/" + taskId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(Fixtures.json(fixture), Fixtures.parse(served));
    }

    @Test
    void acceptsScalesRecordedCallbackBodyAndKeepsItRaw() {
        Ingest.serveTask(scale, Fixtures.ALL_TYPES_ID, Fixtures.text(Fixtures.ALL_TYPES));

        Api.scale()
                .body(Fixtures.text(Fixtures.CALLBACK))
                .post("/webhooks/scale")
                .then()
                .statusCode(202);
        Ingest.awaitState(Fixtures.ALL_TYPES_ID, "stored");

        assertEquals(
                Fixtures.json(Fixtures.CALLBACK), Fixtures.parse(db.string("select last_callback_body from delivery")));
    }

    @Test
    void fetchesWithBearerKeyAndRepeatedExpandAndOpts() {
        Ingest.serveTask(scale, Fixtures.PAIRWISE_ID, Fixtures.text(Fixtures.PAIRWISE));

        Api.scale().body(Fixtures.callbackFor(Fixtures.PAIRWISE_ID)).post("/webhooks/scale");
        Ingest.awaitState(Fixtures.PAIRWISE_ID, "stored");

        scale.verify(
                1,
                getRequestedFor(urlPathEqualTo("/v2/task"))
                        .withHeader("Authorization", WireMock.equalTo("Bearer test-scale-api-key"))
                        .withQueryParam("task_id", WireMock.equalTo(Fixtures.PAIRWISE_ID))
                        .withQueryParam("expand", havingExactly("project", "batch"))
                        .withQueryParam(
                                "opts",
                                havingExactly(
                                        "annotation_details",
                                        "attachment_details",
                                        "model_parameters",
                                        "submissions")));
    }

    @Test
    void aRepeatOfTheCallbackThatWasJustFetchedIsADuplicate() {
        Ingest.serveTask(scale, Fixtures.PAIRWISE_ID, Fixtures.text(Fixtures.PAIRWISE));
        Api.scale().body(Fixtures.callbackFor(Fixtures.PAIRWISE_ID)).post("/webhooks/scale");
        Ingest.awaitState(Fixtures.PAIRWISE_ID, "stored");

        Api.scale()
                .body(Fixtures.callbackFor(Fixtures.PAIRWISE_ID))
                .post("/webhooks/scale")
                .then()
                .statusCode(202);

        assertEquals("stored", db.string("select state from delivery"));
        assertEquals(2, db.count("select callback_count from delivery"));
        scale.verify(1, getRequestedFor(urlPathEqualTo("/v2/task")));
    }

    @Test
    void takesTheTaskIdFromTheNestedTaskWhenTheTopLevelHasNone() {
        Ingest.serveTask(scale, Fixtures.PAIRWISE_ID, Fixtures.text(Fixtures.PAIRWISE));

        Api.scale()
                .body("{\"task\":{\"task_id\":\"task_123\"},\"extra\":[1,2]}")
                .post("/webhooks/scale")
                .then()
                .statusCode(202)
                .body("task_id", equalTo(Fixtures.PAIRWISE_ID));
        Ingest.awaitState(Fixtures.PAIRWISE_ID, "stored");
    }

    @Test
    void aCallbackForAStoredTaskQueuesARefetchAndTheNewerDocumentWins() {
        Ingest.serveTask(scale, Fixtures.PAIRWISE_ID, Fixtures.text(Fixtures.PAIRWISE));
        Api.scale().body(Fixtures.callbackFor(Fixtures.PAIRWISE_ID)).post("/webhooks/scale");
        Ingest.awaitState(Fixtures.PAIRWISE_ID, "stored");

        String reworked = Fixtures.text(Fixtures.PAIRWISE)
                .replace("2025-01-02T04:00:39.923Z", "2025-01-03T09:00:00.000Z")
                .replace("\"value\": 5", "\"value\": 6");
        Ingest.serveTask(scale, Fixtures.PAIRWISE_ID, reworked);
        Api.scale()
                .body("{\"task_id\":\"task_123\",\"status\":\"completed\",\"audit\":\"fixed\"}")
                .post("/webhooks/scale")
                .then()
                .statusCode(202);

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> Api.reader()
                        .queryParam("task_id", Fixtures.PAIRWISE_ID)
                        .queryParam("key", "overall")
                        .queryParam("source_id", "base_model")
                        .get("/api/v1/annotations")
                        .then()
                        .body("items[0].value", equalTo(6)));
        assertEquals(1, db.count("select count(*) from task"));
        scale.verify(2, getRequestedFor(urlPathEqualTo("/v2/task")));
    }
}
