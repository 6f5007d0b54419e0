package io.annotationstore.hostile;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Documents Scale may send that are strange but valid: they are stored, the task reads back
 * JSON-equal to what was sent, and each annotation value reads back as sent, whatever
 * PostgreSQL can hold as-is.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class StrangeDocumentsTest {

    /** Every awkward kind of character, as JSON escapes and raw UTF-8. */
    private static final String EVERY_KIND_OF_TEXT = "\"nul \\u0000 c0 \\u0001\\u001f del \\u007f c1 \\u0085\\u009f"
            + " rtl \\u202e\\u0627\\u0644\\u0639 \u05e9\u05dc\u05d5\u05dd zwj \\u200d bom \\ufeff"
            + " nonchar \\ufffe\\uffff private \\ue000 emoji \\ud83d\\ude00 \ud83e\udd16 astral \\udbff\\udfff"
            + " lone high \\ud800 lone low \\udc00 reversed \\udc00\\ud800 end \\\\ \\\" \\/\"";

    @Inject
    Database db;

    @BeforeEach
    void reset() {
        db.clear();
    }

    /** A completed task with one assistant message carrying {@code annotations}. */
    private static String task(String taskId, String topLevel, String messageText, String annotations) {
        return """
                {"task_id":"%s","project":"p1","status":"completed","completed_at":"2025-01-02T04:00:39.923Z",%s
                 "threads":[{"id":"th1","turns":[{"id":"tu1","messages":[
                   {"role":"assistant","source_id":"m1","content":{"text":%s},"annotations":[%s]}]}]}]}
                """.formatted(taskId, topLevel, messageText, annotations);
    }

    private static ValidatableResponse importJson(String body) {
        return Api.admin()
                .contentType(ContentType.JSON)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tasks/import")
                .then();
    }

    private static void readsBackAsSent(String taskId, String sent) {
        String stored = Api.reader()
                .get("/api/v1/tasks/" + taskId)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertEquals(json(sent), json(stored));
    }

    private static JsonNode json(String text) {
        return Answers.parse(text).orElseThrow();
    }

    private static List<JsonNode> values(String taskId, String key) {
        String page = Api.reader()
                .queryParam("task_id", taskId)
                .queryParam("key", key)
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return json(page).findValues("value");
    }

    @Test
    void storesTextInEveryUnicodeRangeAndReadsTheDocumentAndTheValueBackAsSent() {
        String document = task(
                "unicode_1",
                "\"metadata\":{\"k\\u0000\":\"v\\ud800\",\"\\udfff\":" + EVERY_KIND_OF_TEXT + "},",
                EVERY_KIND_OF_TEXT,
                "{\"key\":\"text\",\"type\":\"text\",\"value\":" + EVERY_KIND_OF_TEXT + "}");

        importJson(document).statusCode(200).body("stored", equalTo(1));

        readsBackAsSent("unicode_1", document);
        assertEquals(List.of(json(EVERY_KIND_OF_TEXT)), values("unicode_1", "text"));
    }

    @Test
    void acceptsUnpairedSurrogateKeysAndAByteOrderMarkInCallbacksAndImports() {
        String body = "\ufeff" + task("keys_1", "\"metadata\":{\"\\ud800\":1,\"\\udc00x\":2},", "\"t\"", "");

        Api.scale()
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/webhooks/scale")
                .then()
                .statusCode(202);
        importJson(body).statusCode(200).body("stored", equalTo(1));

        readsBackAsSent("keys_1", body.substring(1));
    }

    @Test
    void writesReplacementCharactersIntoSearchableCopiesWhereTextCannotHoldTheOriginal() {
        String document = """
                {"task_id":"copies_1","status":"completed","threads":[{"id":"th\\ud800","turns":[{"id":"tu\\u0000",
                 "messages":[{"role":"assistant","source_id":"a\\u0000b","annotations":[{"key":"k\\udc00","value":1}]}]}]}]}
                """;

        importJson(document).statusCode(200).body("stored", equalTo(1));

        assertEquals(
                "th\uFFFD tu\uFFFD a\uFFFDb k\uFFFD",
                db.string("select concat_ws(' ', thread_id, turn_id, source_id, key) from annotation"));
        Api.reader()
                .queryParam("source_id", "a\uFFFDb")
                .queryParam("key", "k\uFFFD")
                .get("/api/v1/annotations")
                .then()
                .body("items.task_id", contains("copies_1"));
        readsBackAsSent("copies_1", document);
    }

    @Test
    void answersTextPostgresCannotHoldAsSentFromEveryQueryAndExport() {
        String document = """
                {"task_id":"exact_1","project":"p\\u0000","status":"completed","completed_at":"2025-01-02T04:00:39.923Z",
                 "threads":[{"id":"th\\ud800","turns":[{"id":"tu\\u0000","messages":[
                   {"role":"user","content":{"text":"a\\u0000b"}},
                   {"role":"assistant","source_id":"s\\udc00","model_parameters":{"model":"m\\u0000"},"content":{"text":"x\\ud800y"},
                    "annotations":[{"id":"an\\u0000","key":"k\\u0000","type":"text","title":"ti\\ud800",
                      "value":"v\\u0000","justification":"j\\u0000"}]},
                   {"role":"assistant","source_id":"t","model_parameters":{"model":"n"},
                    "content":{"text":"plain"}}],
                  "annotations":[{"key":"selected_model_id","value":"s\\udc00"},{"key":"justification","value":"why\\u0000"}]}]}]}
                """;
        importJson(document).statusCode(200).body("stored", equalTo(1));

        holds("""
                {"project":"p\\u0000","thread_id":"th\\ud800","turn_id":"tu\\u0000",
                 "prompt":[{"role":"user","content":"a\\u0000b"}],
                 "candidates":[{"source_id":"s\\udc00","model":"m\\u0000","text":"x\\ud800y"},
                   {"source_id":"t","model":"n","text":"plain"}],
                 "choice":"s\\udc00","winner_source_id":"s\\udc00","justification":"why\\u0000"}""", json(get("/api/v1/preferences")).path("items").path(0));
        holds("""
                {"prompt":[{"role":"user","content":"a\\u0000b"}],
                 "chosen":[{"role":"assistant","content":"x\\ud800y"}],
                 "rejected":[{"role":"assistant","content":"plain"}],
                 "chosen_source_id":"s\\udc00","rejected_source_id":"t","justification":"why\\u0000",
                 "thread_id":"th\\ud800","turn_id":"tu\\u0000"}""", json(get("/api/v1/exports/preferences?format=jsonl")));

        String annotation = """
                {"annotation_id":"an\\u0000","project":"p\\u0000","thread_id":"th\\ud800","turn_id":"tu\\u0000",
                 "role":"assistant","source_id":"s\\udc00","model":"m\\u0000","key":"k\\u0000","type":"text",
                 "title":"ti\\ud800","value":"v\\u0000","justification":"j\\u0000"}""";
        holds(
                annotation,
                json(get("/api/v1/annotations?level=message")).path("items").path(0));
        holds(annotation, json(get("/api/v1/exports/annotations?format=jsonl&level=message")));
        // UTF-8 cannot encode an unpaired surrogate, so the CSV is checked for NUL only
        String csv = get("/api/v1/exports/annotations?format=csv&level=message");
        assertTrue(csv.contains("an\u0000,exact_1,p\u0000,"), csv);
        assertTrue(csv.contains(",k\u0000,text,"), csv);
        holds(
                "{\"project\":\"p\\u0000\"}",
                json(get("/api/v1/tasks")).path("items").path(0));
    }

    @Test
    void readsARankingThatStartsWithAnUnpairedSurrogateAsNoChoice() {
        String document = """
                {"task_id":"ranked_1","status":"completed","threads":[{"id":"th","turns":[{"id":"tu","messages":[
                   {"role":"assistant","source_id":"s","content":{"text":"x"}},
                   {"role":"assistant","source_id":"t","content":{"text":"y"}}],
                  "annotations":[{"key":"rank","type":"ranked_choices","value":["\\ud800","t"]}]}]}]}
                """;
        importJson(document).statusCode(200).body("stored", equalTo(1));

        Api.reader().get("/api/v1/preferences").then().statusCode(200).body("items", hasSize(0));
    }

    /** Fails unless {@code actual} has each field of {@code expected} with its value. */
    private static void holds(String expected, JsonNode actual) {
        // escaped, as a report cannot show an unpaired surrogate
        json(expected)
                .properties()
                .forEach(field -> assertEquals(
                        field.getValue(),
                        actual.get(field.getKey()),
                        () -> field.getKey() + " in " + Answers.excerpt(actual.toString())));
    }

    private static String get(String path) {
        return Api.reader().get(path).then().statusCode(200).extract().asString();
    }

    @Test
    void replacesAStoredCopyThatDiffersOnlyInAnUnpairedSurrogate() {
        String first = task("surrogate_1", "", "\"\\ud800\"", "");
        String second = task("surrogate_1", "", "\"\\udbff\"", "");
        importJson(first).body("stored", equalTo(1));

        importJson(second)
                .body("stored", equalTo(1))
                .body("results[0].reason", equalTo("replaced an older or different copy"));

        readsBackAsSent("surrogate_1", second);
    }

    @Test
    void storesIntegersBeyond64BitsAndLongDecimalsExactly() {
        List<String> numbers = List.of(
                "123456789012345678901234567890", "-92233720368547758090", "3.14159265358979323846264338327950288");
        String annotations = numbers.stream()
                .map(n -> "{\"key\":\"big\",\"type\":\"integer\",\"value\":" + n + "}")
                .collect(Collectors.joining(","));
        String document = task("big_1", "", "\"t\"", annotations);

        importJson(document).statusCode(200).body("stored", equalTo(1));

        readsBackAsSent("big_1", document);
        assertEquals(numbers.stream().map(StrangeDocumentsTest::json).toList(), values("big_1", "big"));
        Api.reader()
                .queryParam("key", "big")
                .queryParam("value_min", "123456789012345678901234567889")
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .body("items", hasSize(1));
    }

    @Test
    void keepsNumbersBeyondTheTypedRangeAsSentAndOutOfNumericFiltersAndStatistics() {
        List<String> numbers = List.of("1e999999", "1e-999999", "1e131072", "2.5e-16384", "2");
        String annotations = numbers.stream()
                .map(n -> "{\"key\":\"huge\",\"type\":\"number\",\"value\":" + n + "}")
                .collect(Collectors.joining(","));
        String document = task("huge_1", "", "\"t\"", annotations);

        importJson(document).statusCode(200).body("stored", equalTo(1));

        readsBackAsSent("huge_1", document);
        assertEquals(
                new HashSet<>(numbers.stream().map(StrangeDocumentsTest::json).toList()),
                new HashSet<>(values("huge_1", "huge")));
        Api.reader()
                .queryParam("key", "huge")
                .queryParam("value_min", "-10")
                .queryParam("value_max", "10")
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .body("items.value", contains(2));
        Api.reader()
                .queryParam("key", "huge")
                .get("/api/v1/annotations/stats")
                .then()
                .statusCode(200)
                .body("groups[0].max", equalTo(2));
    }

    @Test
    void keepsNumbersThatJsonbCannotHoldInTheDocumentAndAsTextInItsSearchableCopy() {
        String document =
                task("jsonb_1", "\"metadata\":{\"tiny\":1e-20000,\"huge\":1e999999,\"fine\":1.5},", "\"t\"", "");

        importJson(document).statusCode(200).body("stored", equalTo(1));

        readsBackAsSent("jsonb_1", document);
        assertEquals("1E+999999", db.string("select metadata->>'huge' from task where task_id = 'jsonb_1'"));
        assertEquals("1.5", db.string("select metadata->>'fine' from task where task_id = 'jsonb_1'"));
    }

    @Test
    void readsTimestampsOutsideYears0001To9999AsAbsentAndKeepsThemInTheDocument() {
        String document = """
                {"task_id":"year_1","status":"completed","created_at":"-0001-06-01T00:00:00Z",
                 "completed_at":"+10000-01-01T00:00:00Z","threads":[]}
                """;

        importJson(document).statusCode(200).body("stored", equalTo(1));

        Api.reader()
                .get("/api/v1/tasks")
                .then()
                .body("items[0].task_id", equalTo("year_1"))
                .body("items[0].created_at", nullValue())
                .body("items[0].completed_at", nullValue());
        readsBackAsSent("year_1", document);
    }

    @Test
    void storesEmptyThreadsNullValuesAndUnknownAnnotationTypesAndFields() {
        String empty = "{\"task_id\":\"empty_1\",\"status\":\"completed\",\"threads\":[],\"annotations\":[]}";
        String odd = """
                {"task_id":"odd_1","status":"completed","future_field":{"x":[1,{"y":null}]},
                 "threads":[{"id":"t0","turns":[]},{"id":"t1","turns":[{"id":"u","messages":[]}]},{"id":"t2"}],
                 "annotations":[{"key":"n","type":"integer","value":null},{"key":"n","type":"integer"},
                   {"key":"n","type":"hologram","value":{"x":[1,{"y":null}]},"labels":"not a list","new_field":7}]}
                """;

        importJson("[" + empty + "," + odd + "]").statusCode(200).body("stored", equalTo(2));

        readsBackAsSent("empty_1", empty);
        readsBackAsSent("odd_1", odd);
        assertEquals(List.of(json("null"), json("null"), json("{\"x\":[1,{\"y\":null}]}")), values("odd_1", "n"));
    }

    @Test
    void storesAConversationOf500TurnsWithEveryAnnotation() {
        String turns = IntStream.range(0, 500)
                .mapToObj(i -> ("{\"id\":\"turn_%d\",\"messages\":[{\"role\":\"user\",\"content\":{\"text\":\"q%d\"}},"
                                + "{\"role\":\"assistant\",\"source_id\":\"m\",\"content\":{\"text\":\"a%d\"},"
                                + "\"annotations\":[{\"key\":\"score\",\"value\":%d}]}]}")
                        .formatted(i, i, i, i % 7))
                .collect(Collectors.joining(","));
        String document = "{\"task_id\":\"long_1\",\"status\":\"completed\",\"threads\":[{\"id\":\"t\",\"turns\":["
                + turns + "]}]}";

        importJson(document).statusCode(200).body("stored", equalTo(1));

        readsBackAsSent("long_1", document);
        Api.reader()
                .queryParam("task_id", "long_1")
                .queryParam("limit", 1000)
                .get("/api/v1/annotations")
                .then()
                .body("items", hasSize(500))
                .body("items[499].turn_id", equalTo("turn_499"));
    }

    @Test
    void keepsOverlongIdentifiersWholeInTheDocumentAndAnswersAndCutInTheirIndexedCopies() {
        Random random = new Random(7);
        String longText = IntStream.range(0, 3_000)
                .mapToObj(i -> Character.toString(0x4E00 + random.nextInt(0x5000)))
                .collect(Collectors.joining());
        String document = """
                {"task_id":"long_ids_1","status":"completed","project":{"id":"%s","name":"%s"},"batch":"%s",
                 "threads":[{"id":"t","turns":[{"id":"u","messages":[{"role":"assistant","source_id":"%s",
                   "model_parameters":{"model":"%s"},"annotations":[{"key":"%s","value":1}]}]}]}]}
                """.formatted(longText, longText, longText, longText, longText, longText);

        importJson(document).statusCode(200).body("stored", equalTo(1));

        readsBackAsSent("long_ids_1", document);
        assertEquals(longText.substring(0, 512), db.string("select key from annotation where task_id = 'long_ids_1'"));
        Api.reader()
                .queryParam("task_id", "long_ids_1")
                .get("/api/v1/annotations")
                .then()
                .body("items.key", contains(longText))
                .body("items.source_id", contains(longText))
                .body("items.model", contains(longText))
                .body("items.project", contains(longText));
    }
}
