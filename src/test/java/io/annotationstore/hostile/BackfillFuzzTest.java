package io.annotationstore.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annotationstore.infra.LimitsConfig;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Property of {@code POST /api/v1/backfill}: a mutated or random body gets 202 with one backfill
 * recorded, or a 4xx problem with none.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class BackfillFuzzTest {

    private static final long SEED = Long.getLong("hostile.seed", 20_260_604L);
    private static final int CASES = 120;

    @Inject
    Database db;

    @Inject
    LimitsConfig limits;

    @BeforeEach
    @AfterEach
    void reset() {
        db.execute("truncate backfill cascade");
    }

    @TestFactory
    Stream<DynamicTest> recordsABackfillForA202AndNoneForA4xx() {
        HostileJson json = new HostileJson(SEED, limits.jsonNestingDepth());
        ObjectNode request = JsonNodeFactory.instance
                .objectNode()
                .put("project", "Example Evals Project")
                .put("batch", "batch_123")
                .put("completed_after", "2025-01-01T00:00:00Z");
        List<DynamicTest> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            HostileJson.Body body = i % 4 == 3
                    ? new HostileJson.Body(
                            "random value", json.write(json.value(3)).getBytes(StandardCharsets.UTF_8))
                    : json.mutate(request);
            cases.add(dynamicTest("seed " + SEED + " case " + i + ": " + body.description(), () -> post(body)));
        }
        cases.add(dynamicTest("the service is still ready", WebhookFuzzTest::assertReady));
        return cases.stream();
    }

    private void post(HostileJson.Body body) {
        long before = db.count("select count(*) from backfill");
        Http.Answer answer = Http.send(
                "POST", "/api/v1/backfill", "application/json", body.bytes(), "Authorization", "Bearer " + Api.ADMIN);
        Answers.problemWith(answer, Set.of(202, 400))
                .ifPresent(problem -> fail(problem + "\nbody sent: " + Answers.excerpt(body.text())));
        long after = db.count("select count(*) from backfill");
        if (answer.status() == 202) {
            assertEquals(before + 1, after, "an accepted backfill was not recorded once");
            assertTrue(answer.headers().containsKey("location"), "a 202 without Location");
        } else {
            assertEquals(before, after, "a rejected backfill was recorded");
        }
    }
}
