package io.annotationstore.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annotationstore.infra.LimitsConfig;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of {@code POST /api/v1/tasks/import} under random and mutated task documents: never
 * a 5xx; a 4xx is a problem and stores nothing; a 200 reports every item, stores exactly the
 * items it reports stored, and each stored task and annotation value reads back as sent.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class ImportFuzzTest {

    private static final long SEED = Long.getLong("hostile.seed", 20_260_602L);
    private static final int JSON_CASES = 90;
    private static final int JSON_LINES_CASES = 50;
    private static final String NDJSON = "application/x-ndjson";

    @Inject
    Database db;

    @Inject
    LimitsConfig limits;

    private final List<ObjectNode> templates =
            List.of((ObjectNode) Fixtures.json(Fixtures.PAIRWISE), (ObjectNode) Fixtures.json(Fixtures.ALL_TYPES));

    @BeforeEach
    void reset() {
        db.clear();
    }

    @TestFactory
    Stream<DynamicTest> importsJsonWholeOrNotAtAllAndReadsStoredTasksBackAsSent() {
        HostileJson json = new HostileJson(SEED, limits.jsonNestingDepth());
        List<DynamicTest> cases = new ArrayList<>();
        for (int i = 0; i < JSON_CASES; i++) {
            boolean single = json.random().nextInt(3) == 0;
            List<HostileJson.Body> items =
                    items(json, "ij_" + i, single ? 1 : 1 + json.random().nextInt(3));
            byte[] body = single ? items.get(0).bytes() : join(items, "[", ",", "]");
            cases.add(dynamicTest(name(i, items), () -> importAndCheck("application/json", body, texts(items))));
        }
        cases.add(dynamicTest("the service is still ready", WebhookFuzzTest::assertReady));
        return cases.stream();
    }

    @TestFactory
    Stream<DynamicTest> importsJsonLinesLineByLineAndReadsStoredTasksBackAsSent() {
        HostileJson json = new HostileJson(SEED + 1, limits.jsonNestingDepth());
        List<DynamicTest> cases = new ArrayList<>();
        for (int i = 0; i < JSON_LINES_CASES; i++) {
            List<HostileJson.Body> items =
                    items(json, "il_" + i, 1 + json.random().nextInt(3));
            byte[] body = join(items, "", "\n", "\n");
            List<String> lines = Arrays.stream(new String(body, StandardCharsets.UTF_8).split("\r\n|\r|\n"))
                    .filter(line -> !line.isBlank())
                    .toList();
            cases.add(dynamicTest(name(i, items), () -> importAndCheck(NDJSON, body, lines)));
        }
        cases.add(dynamicTest("the service is still ready", WebhookFuzzTest::assertReady));
        return cases.stream();
    }

    private List<HostileJson.Body> items(HostileJson json, String idPrefix, int count) {
        List<HostileJson.Body> items = new ArrayList<>();
        for (int j = 0; j < count; j++) {
            ObjectNode task =
                    templates.get(json.random().nextInt(templates.size())).deepCopy();
            task.put("task_id", idPrefix + "_" + j);
            items.add(json.mutate(task));
        }
        return items;
    }

    private static String name(int i, List<HostileJson.Body> items) {
        return "seed " + SEED + " case " + i + ": "
                + String.join(
                        " | ", items.stream().map(HostileJson.Body::description).toList());
    }

    private static List<String> texts(List<HostileJson.Body> items) {
        return items.stream().map(HostileJson.Body::text).toList();
    }

    private static byte[] join(List<HostileJson.Body> items, String open, String separator, String close) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(open.getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.writeBytes(separator.getBytes(StandardCharsets.UTF_8));
            }
            out.writeBytes(items.get(i).bytes());
        }
        out.writeBytes(close.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** {@code sent} holds each item's text, in body order, for the round-trip checks. */
    private void importAndCheck(String contentType, byte[] body, List<String> sent) {
        long tasksBefore = db.count("select count(*) from task");
        Http.Answer answer =
                Http.send("POST", "/api/v1/tasks/import", contentType, body, "Authorization", "Bearer " + Api.ADMIN);
        Answers.problemWith(answer, Set.of(200, 400, 413))
                .ifPresent(problem -> fail(problem + "\nbody sent: " + Answers.excerpt(new String(body))));
        long tasksAfter = db.count("select count(*) from task");
        if (answer.status() != 200) {
            assertEquals(tasksBefore, tasksAfter, "a rejected import stored tasks");
            return;
        }
        JsonNode report = Answers.parse(answer.body()).orElseThrow();
        JsonNode results = report.path("results");
        assertEquals(sent.size(), results.size(), "one result per item");
        assertEquals(
                results.size(),
                report.path("stored").asInt()
                        + report.path("skipped").asInt()
                        + report.path("rejected").asInt());
        int created = 0;
        for (JsonNode result : results) {
            if (result.path("reason").asText().equals("created")) {
                created++;
            }
            if (result.path("outcome").asText().equals("stored")) {
                readsBackAsSent(
                        result.path("task_id").asText(),
                        sent.get(result.path("index").asInt()));
            }
        }
        assertEquals(tasksBefore + created, tasksAfter, "tasks stored other than those reported created");
    }

    private static void readsBackAsSent(String taskId, String sentText) {
        JsonNode sent = Answers.parse(sentText).orElseThrow(() -> new AssertionError("stored an unparsable item"));
        Http.Answer stored = Http.get("/api/v1/tasks/" + taskId, Api.READER);
        assertEquals(200, stored.status(), "a task reported stored is not readable");
        assertEquals(sent, Answers.parse(stored.body()).orElseThrow(), "task " + taskId + " reads back changed");
        Http.Answer annotations = Http.get("/api/v1/annotations?limit=1000&task_id=" + taskId, Api.READER);
        Answers.problemWith(annotations, Set.of(200)).ifPresent(problem -> fail("annotations: " + problem));
        List<JsonNode> sentValues = HostileJson.annotationValues(sent);
        for (JsonNode row : Answers.parse(annotations.body()).orElseThrow().path("items")) {
            JsonNode value = row.path("value");
            assertTrue(
                    value.isNull() || sentValues.contains(value),
                    "annotation value " + Answers.excerpt(value.toString()) + " of " + taskId + " was not sent");
        }
    }
}
