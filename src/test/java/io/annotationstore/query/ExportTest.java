package io.annotationstore.query;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class ExportTest {

    /** Every character CSV must quote, and a few it need not. */
    private static final String HOSTILE = PreferenceTasks.AWKWARD + "\r\nline two, \"quoted\" ,\u00a0end";

    private static final List<String> COLUMNS = List.of(
            "annotation_id",
            "task_id",
            "project",
            "project_name",
            "batch",
            "batch_name",
            "thread_id",
            "turn_id",
            "message_id",
            "level",
            "path",
            "role",
            "source_id",
            "model",
            "key",
            "type",
            "title",
            "value",
            "not_applicable",
            "cannot_assess",
            "justification",
            "completed_at");

    @Inject
    Database db;

    @BeforeEach
    void load() {
        db.clear();
        List<ObjectNode> tasks = new ArrayList<>(StatsTasks.all());
        tasks.addAll(PreferenceTasks.all());
        tasks.add((ObjectNode) Fixtures.json(Fixtures.ALL_TYPES));
        tasks.add(ScaleTasks.task(
                "hostile",
                "proj_h",
                "batch_h",
                "2025-06-01T00:00:00Z",
                ScaleTasks.thread(
                        "t",
                        ScaleTasks.turn(
                                "u",
                                List.of(
                                        ScaleTasks.message("user", HOSTILE),
                                        ScaleTasks.assistant(
                                                "alpha",
                                                "alpha-v1",
                                                HOSTILE,
                                                ScaleTasks.typed("notes", "text", HOSTILE)
                                                        .put("justification", HOSTILE)
                                                        .put("title", "a, \"b\"")))))));
        ScaleTasks.load(tasks);
    }

    private static List<JsonNode> apiRows(Object... filter) {
        Object[] parameters = new Object[filter.length + 2];
        System.arraycopy(filter, 0, parameters, 0, filter.length);
        parameters[filter.length] = "limit";
        parameters[filter.length + 1] = 1000;
        String body = Analytics.reader(parameters)
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return StreamSupport.stream(Fixtures.parse(body).get("items").spliterator(), false)
                .toList();
    }

    private static String export(String path, Object... parameters) {
        return Analytics.reader(parameters)
                .get("/api/v1/exports/" + path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void csvParsesBackToTheRowsOfTheListEndpoint() {
        String csv = Analytics.reader("format", "csv")
                .get("/api/v1/exports/annotations")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"annotations.csv\""))
                .extract()
                .asString();
        List<List<String>> records = Rfc4180.parse(csv);
        List<JsonNode> rows = apiRows();
        assertEquals(COLUMNS, records.get(0));
        assertEquals(rows.size(), records.size() - 1);
        for (int i = 0; i < rows.size(); i++) {
            assertSameRow(rows.get(i), records.get(i + 1));
        }
        List<String> hostile = records.stream()
                .filter(r -> r.get(14).equals("notes"))
                .findFirst()
                .orElseThrow();
        assertEquals(HOSTILE, hostile.get(20));
        assertEquals(HOSTILE, Fixtures.parse(hostile.get(17)).textValue());
        assertEquals("a, \"b\"", hostile.get(16));
    }

    private static void assertSameRow(JsonNode expected, List<String> record) {
        assertEquals(COLUMNS.size(), record.size());
        for (int c = 0; c < COLUMNS.size(); c++) {
            JsonNode field = expected.get(COLUMNS.get(c));
            if (COLUMNS.get(c).equals("value") && !field.isNull()) {
                assertEquals(field, Fixtures.parse(record.get(c)), COLUMNS.get(c));
            } else {
                assertEquals(field.isNull() ? "" : field.asText(), record.get(c), COLUMNS.get(c));
            }
        }
    }

    @Test
    void jsonLinesAreTheRowsOfTheListEndpointOnePerLine() {
        String jsonl = Analytics.reader()
                .get("/api/v1/exports/annotations")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-ndjson"))
                .header("Content-Disposition", equalTo("attachment; filename=\"annotations.jsonl\""))
                .extract()
                .asString();
        List<JsonNode> rows = apiRows();
        assertTrue(jsonl.endsWith("\n"));
        String[] lines = jsonl.split("\n");
        assertEquals(rows.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            assertTrue(lines[i].startsWith("{\"annotation_id\":"), lines[i]);
            assertEquals(rows.get(i), Fixtures.parse(lines[i]));
        }
    }

    @Test
    void exportsOnlyWhatTheFiltersMatch() {
        Object[] filter = {"source_id", "alpha", "key", "helpfulness", "value_min", "2"};
        List<JsonNode> rows = apiRows(filter);
        assertEquals(3, rows.size());
        String[] lines = export(
                        "annotations", "source_id", "alpha", "key", "helpfulness", "value_min", "2", "format", "jsonl")
                .split("\n");
        assertEquals(rows, List.of(lines).stream().map(Fixtures::parse).toList());
        assertEquals(List.of(COLUMNS), Rfc4180.parse(export("annotations", "task_id", "none", "format", "csv")));
        assertEquals("", export("annotations", "project", "none"));
    }

    @Test
    void preferenceExportRoundTripsToTrlPairs() {
        String body = Analytics.reader("format", "jsonl")
                .get("/api/v1/exports/preferences")
                .then()
                .statusCode(200)
                .contentType(startsWith("application/x-ndjson"))
                .header("Content-Disposition", equalTo("attachment; filename=\"preferences.jsonl\""))
                .extract()
                .asString();
        assertTrue(body.endsWith("}\n"));
        assertTrue(List.of(body.split("\n")).stream().allMatch(line -> line.startsWith("{\"prompt\":")), body);
        List<JsonNode> lines =
                List.of(body.split("\n")).stream().map(Fixtures::parse).toList();
        // ties (pref_4, pref_10) give no pair; the three-way pref_6 gives one per loser
        assertEquals(
                List.of(
                        "pref_1/turn_0 alpha>beta",
                        "pref_2/turn_0 alpha>beta",
                        "pref_3/turn_0 beta>alpha",
                        "pref_6/turn_0 gamma>alpha",
                        "pref_6/turn_0 gamma>beta",
                        "pref_7/turn_0 beta>alpha",
                        "pref_7/turn_1 alpha>beta",
                        "pref_9/turn_0 gamma>beta",
                        Fixtures.ALL_TYPES_ID + "/turn_0 base_model>test_model"),
                lines.stream()
                        .map(l -> l.get("task_id").asText() + "/"
                                + l.get("turn_id").asText() + " "
                                + l.get("chosen_source_id").asText() + ">"
                                + l.get("rejected_source_id").asText())
                        .toList());
        assertEquals(Fixtures.parse("""
                {"prompt": [{"role": "user", "content": "Q1"}],
                 "chosen": [{"role": "assistant", "content": %s}],
                 "rejected": [{"role": "assistant", "content": "B1"}],
                 "chosen_source_id": "alpha", "rejected_source_id": "beta",
                 "likert_value": 2, "justification": "alpha is clearer",
                 "task_id": "pref_1", "thread_id": "thread_0", "turn_id": "turn_0"}""".formatted(TextNode.valueOf(PreferenceTasks.AWKWARD))), lines.get(0));
        assertEquals(Fixtures.parse("""
                {"prompt": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Q7a"},
                            {"role": "assistant", "content": "B7a"}, {"role": "user", "content": "Q7b"}],
                 "chosen": [{"role": "assistant", "content": "A7b"}],
                 "rejected": [{"role": "assistant", "content": "B7b"}],
                 "chosen_source_id": "alpha", "rejected_source_id": "beta",
                 "likert_value": null, "justification": "follows up well",
                 "task_id": "pref_7", "thread_id": "thread_7", "turn_id": "turn_1"}"""), lines.get(6));
    }

    @Test
    void preferenceExportTakesTheFilters() {
        String body = export("preferences", "source_id", "gamma");
        assertEquals(3, body.split("\n").length);
        assertEquals("", export("preferences", "batch", "batch_p2"));
    }

    @Test
    void rejectsBadFormatsAndParametersNamingEachField() {
        Analytics.reader("format", "xml", "level", "page")
                .get("/api/v1/exports/annotations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("format", "level"));
        Analytics.reader("format", "csv", "key", "overall")
                .get("/api/v1/exports/preferences")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("format", "key"));
        Analytics.reader("value_min", "3", "value_max", "1", "completed_before", "tomorrow")
                .get("/api/v1/exports/annotations")
                .then()
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("value_min", "completed_before"));
    }

    @Test
    void stopsReadingAndReleasesTheConnectionWhenTheClientGoesAway() throws IOException {
        // about 1 GB of CSV: seconds of work if the export went on after the client left
        db.execute("insert into annotation (id, task_pk, level, position, key, task_id, value_json)"
                + " select 100000000 + g, (select min(id) from task), 'task', 0, 'bulk', 'bulk',"
                + " '\"' || repeat('x', 10000) || '\"' from generate_series(1, 100000) g");
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream()
                    .write(("GET /api/v1/exports/annotations?format=csv&key=bulk HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Authorization: Bearer " + Api.READER + "\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            assertEquals(100_000, socket.getInputStream().readNBytes(100_000).length);
        }
        await().atMost(Duration.ofSeconds(2))
                .until(() -> db.count("select count(*) from pg_stat_activity where datname = current_database()"
                                + " and pid <> pg_backend_pid() and state <> 'idle' and query like '%key in (%'")
                        == 0);
    }

    @Test
    void requiresAToken() {
        RestAssured.get("/api/v1/exports/annotations").then().statusCode(401);
        RestAssured.get("/api/v1/exports/preferences").then().statusCode(401);
    }
}
