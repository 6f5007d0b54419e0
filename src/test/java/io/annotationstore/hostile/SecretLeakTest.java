package io.annotationstore.hostile;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.InjectWireMock;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No callback key, Scale API key or API token in any log line (at debug too) or answer, while
 * keys and tokens are wrong, Scale rejects our key and imports fail; and no answer shows a stack
 * trace, SQL or a class name.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class SecretLeakTest {

    private static final List<String> SECRETS =
            List.of(Api.CALLBACK_KEY, Api.OLD_CALLBACK_KEY, "test-scale-api-key", Api.READER, Api.ADMIN);
    /** Loggers raised to debug while a test runs, so that debug lines are checked too. */
    private static final List<String> DEBUG_LOGGERS = List.of(
            "io.annotationstore",
            "io.quarkus.security",
            "io.quarkus.vertx.http.runtime.security",
            "io.quarkus.rest.client",
            "org.jboss.resteasy.reactive");

    @InjectWireMock
    WireMockServer scale;

    @Inject
    Database db;

    private final Capture logs = new Capture();
    private final Map<String, Level> levels = new HashMap<>();
    private final List<String> answers = new ArrayList<>();

    /** Keeps every log record's message, parameters and thrown chain as text. */
    private static final class Capture extends Handler {
        final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record.getLoggerName() + " " + record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                line.append(' ').append(t);
            }
            lines.add(line.toString());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    }

    @BeforeEach
    void capture() {
        scale.resetAll();
        db.clear();
        Logger.getLogger("").addHandler(logs);
        for (String name : DEBUG_LOGGERS) {
            Logger logger = Logger.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.FINE);
        }
    }

    @AfterEach
    void release() {
        Logger.getLogger("").removeHandler(logs);
        levels.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
    }

    private Response keep(Response response) {
        answers.add(response.getHeaders() + "\n" + response.asString());
        return response;
    }

    private void assertNothingLeaked() {
        for (String secret : SECRETS) {
            Optional<String> logged =
                    logs.lines.stream().filter(l -> l.contains(secret)).findFirst();
            assertFalse(logged.isPresent(), "a log line holds " + secret + ": " + logged.orElse(""));
            Optional<String> answered =
                    answers.stream().filter(a -> a.contains(secret)).findFirst();
            assertFalse(answered.isPresent(), "an answer holds " + secret + ": " + answered.orElse(""));
        }
        for (String answer : answers) {
            Answers.leak(answer).ifPresent(leak -> {
                throw new AssertionError(leak);
            });
        }
    }

    @Test
    void logsAndAnswersNoCallbackKeyWhenKeysAreWrongOrRight() {
        for (String key : List.of(Api.CALLBACK_KEY + "x", "x" + Api.OLD_CALLBACK_KEY, Api.CALLBACK_KEY.toUpperCase())) {
            keep(given().header("scale-callback-auth", key)
                            .contentType("application/json")
                            .body(Fixtures.callbackFor("leak_1"))
                            .post("/webhooks/scale"))
                    .then()
                    .statusCode(401);
        }
        keep(Api.scale().body("{not json").post("/webhooks/scale")).then().statusCode(400);
        keep(Api.scale().body(Fixtures.callbackFor("leak_1")).post("/webhooks/scale"))
                .then()
                .statusCode(202);

        assertTrue(
                logs.lines.stream().anyMatch(l -> l.contains("scale-callback-auth")),
                "the capture saw no debug line of a rejected callback");
        assertNothingLeaked();
    }

    @Test
    void logsAndAnswersNoApiTokenWhenTokensAreWrongOrLackTheRole() {
        for (String token : List.of(Api.ADMIN + "x", Api.READER.substring(2), Api.ADMIN.toUpperCase())) {
            keep(given().auth().oauth2(token).get("/api/v1/tasks")).then().statusCode(401);
            keep(given().header("Authorization", "Basic " + token).get("/api/v1/deliveries"))
                    .then()
                    .statusCode(401);
        }
        keep(Api.reader().get("/api/v1/deliveries")).then().statusCode(403);
        keep(Api.reader().post("/api/v1/tasks/task_1/refresh")).then().statusCode(403);
        keep(Api.admin().get("/api/v1/tasks/not a valid id")).then().statusCode(400);

        assertNothingLeaked();
    }

    @Test
    void logsAndAnswersNoScaleApiKeyWhenScaleRejectsIt() {
        scale.stubFor(get(urlPathEqualTo("/v2/task"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"status_code\":401,\"error\":\"Please provide a valid API key\"}")));
        try {
            keep(Api.scale().body(Fixtures.callbackFor("leak_1")).post("/webhooks/scale"));
            awaitState("leak_1", "failed");
            keep(Api.admin().get("/api/v1/deliveries"));
            keep(given().get("/q/health/ready"));

            assertTrue(
                    logs.lines.stream().anyMatch(l -> l.contains("rejected our API key")),
                    "the capture saw no log line of the rejected key");
            assertNothingLeaked();
        } finally {
            recoverFromTheRejectedKey();
        }
    }

    @Test
    void logsAndAnswersNoSecretWhenImportsFail() {
        for (String body : List.of(
                "{not json",
                "[{\"task_id\":\"a b\",\"status\":\"completed\"}, 7, {\"status\":\"completed\"}]",
                "{\"task_id\":\"x\",\"status\":\"completed\",\"completed_at\":\"+10000-01-01T00:00:00Z\","
                        + "\"metadata\":{\"n\":1e-999999}}",
                "[" + "{\"task_id\":\"many\",\"status\":\"completed\"},".repeat(60) + "{}]")) {
            keep(Api.admin()
                    .contentType("application/json")
                    .body(body.getBytes(StandardCharsets.UTF_8))
                    .post("/api/v1/tasks/import"));
        }
        keep(Api.admin()
                .contentType("application/x-ndjson")
                .body("{\n\u0000\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tasks/import"));
        keep(Api.admin().contentType("text/plain").body("x").post("/api/v1/tasks/import"));

        assertNothingLeaked();
    }

    private static void awaitState(String taskId, String state) {
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> Api.admin()
                        .get("/api/v1/deliveries")
                        .then()
                        .body("items.find { it.task_id == '" + taskId + "' }.state", equalTo(state)));
    }

    /** A successful fetch ends the pause and readiness comes back, for the tests that follow. */
    private void recoverFromTheRejectedKey() {
        scale.resetAll();
        scale.stubFor(get(urlPathEqualTo("/v2/task"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody(Fixtures.text(Fixtures.ALL_TYPES))));
        Api.scale().body(Fixtures.callbackFor(Fixtures.ALL_TYPES_ID)).post("/webhooks/scale");
        awaitState(Fixtures.ALL_TYPES_ID, "stored");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
