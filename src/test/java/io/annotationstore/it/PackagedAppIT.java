package io.annotationstore.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.InjectWireMock;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged application end to end: what Jackson, Hibernate and the REST client need at run
 * time must be there in the jar and, built with {@code -Dnative}, in the native executable.
 * Task ids are unique per run: this test does not own the database.
 */
@QuarkusIntegrationTest
@WithTestResource(ScaleStandIn.class)
@WithTestResource(PackagedAppEnvironment.class)
class PackagedAppIT {

    @InjectWireMock
    WireMockServer scale;

    private static String uniqueId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void aCallbackBecomesAStoredTaskThatReadsBackAsScaleServedIt() {
        String taskId = uniqueId("it_all_types");
        String document = Fixtures.text(Fixtures.ALL_TYPES).replace(Fixtures.ALL_TYPES_ID, taskId);
        scale.stubFor(get(urlPathEqualTo("/v2/task"))
                .withQueryParam("task_id", WireMock.equalTo(taskId))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(document)));

        given().header("scale-callback-auth", PackagedAppEnvironment.CALLBACK_KEY)
                .contentType(ContentType.JSON)
                .body(Fixtures.callbackFor(taskId))
                .post("/webhooks/scale")
                .then()
                .statusCode(202)
                .body("delivery_state", equalTo("queued"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> given().auth()
                        .oauth2(PackagedAppEnvironment.READER)
                        .get("/api/v1/tasks/" + taskId)
                        .then()
                        .statusCode(200));
        String stored = given().auth()
                .oauth2(PackagedAppEnvironment.READER)
                .get("/api/v1/tasks/" + taskId)
                .asString();
        assertEquals(Fixtures.parse(document), Fixtures.parse(stored));
        given().auth()
                .oauth2(PackagedAppEnvironment.READER)
                .queryParam("task_id", taskId)
                .queryParam("level", "chunk")
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .body("items[0].key", equalTo("chunk_is_correct"))
                .body("items[0].value", equalTo(true));
    }

    @Test
    void importsAndQueriesAnnotations() {
        String taskId = uniqueId("it_pairwise");
        given().auth()
                .oauth2(PackagedAppEnvironment.ADMIN)
                .contentType(ContentType.JSON)
                .body(Fixtures.text(Fixtures.PAIRWISE).replace(Fixtures.PAIRWISE_ID, taskId))
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(200)
                .body("stored", equalTo(1));
        given().auth()
                .oauth2(PackagedAppEnvironment.READER)
                .queryParam("task_id", taskId)
                .queryParam("key", "overall")
                .queryParam("source_id", "test_model")
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .body("items[0].value", equalTo(3));
    }

    @Test
    void answersProblemsForBadRequests() {
        given().get("/api/v1/tasks").then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(PackagedAppEnvironment.READER)
                .get("/api/v1/deliveries")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("scale-callback-auth", PackagedAppEnvironment.CALLBACK_KEY)
                .contentType(ContentType.JSON)
                .body("[1]")
                .post("/webhooks/scale")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
        given().auth()
                .oauth2(PackagedAppEnvironment.READER)
                .queryParam("level", "paragraph")
                .get("/api/v1/annotations")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("level"));
    }

    @Test
    void reportsHealthMetricsAndOpenApi() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("ingest_deliveries"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/webhooks/scale"));
    }
}
