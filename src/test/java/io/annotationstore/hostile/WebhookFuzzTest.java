package io.annotationstore.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annotationstore.infra.LimitsConfig;
import io.annotationstore.scale.TaskIds;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property: whatever reaches {@code POST /webhooks/scale}, the answer is 202 with a delivery
 * stored, or a 4xx problem with nothing stored, and a wrong or missing key is always 401.
 * Seeded: {@code -Dhostile.seed=N} replays or explores.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class WebhookFuzzTest {

    private static final long SEED = Long.getLong("hostile.seed", 20_260_601L);
    private static final int CASES = 200;
    private static final List<String> WRONG_KEYS =
            List.of("test-callback-keyx", "test-callback-ke", "TEST-CALLBACK-KEY", "", " ", "Bearer test-admin-token");
    private static final List<String> OTHER_CONTENT_TYPES =
            List.of("text/plain", "application/octet-stream", "application/xml");

    @Inject
    Database db;

    @Inject
    LimitsConfig limits;

    @BeforeEach
    void reset() {
        db.clear();
    }

    @TestFactory
    Stream<DynamicTest> answersEveryCallbackWith202AndADeliveryOrA4xxProblemAndNothingStored() {
        HostileJson json = new HostileJson(SEED, limits.jsonNestingDepth());
        Random random = json.random();
        ObjectNode template = (ObjectNode) Fixtures.json(Fixtures.CALLBACK);
        List<DynamicTest> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            ObjectNode callback = template.deepCopy();
            callback.put("task_id", "wh_" + i);
            ((ObjectNode) callback.path("task")).put("task_id", "wh_" + i);
            HostileJson.Body body = json.mutate(callback);
            String key = random.nextInt(8) == 0 ? WRONG_KEYS.get(random.nextInt(WRONG_KEYS.size())) : null;
            boolean noKey = key == null && random.nextInt(10) == 0;
            String contentType = random.nextInt(12) == 0
                    ? OTHER_CONTENT_TYPES.get(random.nextInt(OTHER_CONTENT_TYPES.size()))
                    : "application/json";
            String name = "seed " + SEED + " case " + i + ": " + body.description()
                    + (key != null ? ", wrong key" : noKey ? ", no key" : "") + ", " + contentType;
            cases.add(dynamicTest(
                    name, () -> post(body, noKey ? null : key == null ? Api.CALLBACK_KEY : key, contentType)));
        }
        cases.add(dynamicTest("the service is still ready", WebhookFuzzTest::assertReady));
        return cases.stream();
    }

    private void post(HostileJson.Body body, String key, String contentType) {
        long before = db.count("select count(*) from delivery");
        Http.Answer answer = key == null
                ? Http.send("POST", "/webhooks/scale", contentType, body.bytes())
                : Http.send("POST", "/webhooks/scale", contentType, body.bytes(), "scale-callback-auth", key);
        Answers.problemWith(answer, Set.of(202, 400, 401, 413, 415))
                .ifPresent(problem -> fail(problem + "\nbody sent: " + Answers.excerpt(body.text())));
        if (!Api.CALLBACK_KEY.equals(key)) {
            assertTrue(Set.of(401, 415).contains(answer.status()), "a wrong or missing key must get 401");
        }
        if (answer.status() == 202) {
            String taskId =
                    Answers.parse(answer.body()).orElseThrow().path("task_id").asText();
            assertTrue(TaskIds.isValid(taskId), "accepted an invalid task id");
            assertEquals(1, db.count("select count(*) from delivery where task_id = '" + taskId + "'"));
            assertEquals(before + 1, db.count("select count(*) from delivery"));
        } else {
            assertEquals(before, db.count("select count(*) from delivery"), "a rejected callback stored a delivery");
        }
    }

    static void assertReady() {
        given().get("/q/health/ready").then().statusCode(200);
    }
}
