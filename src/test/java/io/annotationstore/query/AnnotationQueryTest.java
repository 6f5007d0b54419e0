package io.annotationstore.query;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class AnnotationQueryTest {

    @Inject
    Database db;

    @BeforeEach
    void load() {
        db.clear();
        Api.admin()
                .contentType(ContentType.JSON)
                .body("[" + Fixtures.text(Fixtures.PAIRWISE) + "," + Fixtures.text(Fixtures.ALL_TYPES) + "]")
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(200)
                .body("stored", equalTo(2));
    }

    @Test
    void answersTheOverallScoreOfEachModelInThePairwiseTask() {
        Api.reader()
                .queryParam("task_id", Fixtures.PAIRWISE_ID)
                .queryParam("key", "overall")
                .queryParam("source_id", "test_model")
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].value", equalTo(3))
                .body("items[0].level", equalTo("message"))
                .body("items[0].role", equalTo("assistant"))
                .body("items[0].model", equalTo("scale-gpt-2.0"))
                .body("items[0].message_id", equalTo(2))
                .body("items[0].thread_id", equalTo("thread_0"))
                .body("items[0].turn_id", equalTo("turn_0"))
                .body("items[0].project", equalTo("project_123"))
                .body("items[0].batch", equalTo("batch_123"))
                .body("items[0].completed_at", equalTo("2025-01-02T04:00:39.923Z"))
                .body("items[0].annotation_id", nullValue())
                .body("items[0].type", nullValue());
    }

    @Test
    void answersTheTurnLevelChoice() {
        Api.reader()
                .queryParam("task_id", Fixtures.PAIRWISE_ID)
                .queryParam("level", "turn")
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .body("items.key", contains("selected_model_id", "likert_value", "justification"))
                .body("items[0].value", equalTo("base_model"))
                .body("items[1].value", equalTo(2))
                .body("items.message_id", everyItem(nullValue()))
                .body("items.turn_id", everyItem(equalTo("turn_0")));
    }

    @ParameterizedTest
    @CsvSource({
        "thread, conversation_is_safe, boolean",
        "thread, conversation_language, category",
        "turn, preference_ranking, ranked_choices",
        "turn, likert_value, integer",
        "turn, justification, text",
        "turn, risk_tiers, ranked_groups",
        "turn, criterion_mentions_currency, rubric_criteria",
        "turn, criterion_mentions_currency_rating, rubric_rating",
        "message, instruction_following, integer",
        "message, overall_quality, category",
        "message, issues, category_multiple",
        "message, truthfulness_notes, text",
        "message, highlighted_errors, labeled_text",
        "message, screenshot, file",
        "chunk, chunk_is_correct, boolean"
    })
    void storesEachLevelAndTypeOfTheAllTypesTask(String level, String key, String type) {
        Api.reader()
                .queryParam("task_id", Fixtures.ALL_TYPES_ID)
                .queryParam("level", level)
                .queryParam("key", key)
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .body("items.type", hasItem(type))
                .body("items.project", everyItem(equalTo("65a0b1c2d3e4f50012345678")))
                .body("items.project_name", everyItem(equalTo("Example Evals Project")))
                .body("items.batch_name", everyItem(equalTo("example-batch-2025-03")));
    }

    @Test
    void keepsStructuredValuesAsScaleSentThem() {
        Api.reader()
                .queryParam("task_id", Fixtures.ALL_TYPES_ID)
                .queryParam("key", "risk_tiers")
                .get("/api/v1/annotations")
                .then()
                .body(
                        "items[0].value",
                        equalTo(List.of(
                                List.of("currency_exposure"), List.of("supplier_concentration", "regulatory"))));
        Api.reader()
                .queryParam("task_id", Fixtures.ALL_TYPES_ID)
                .queryParam("key", "screenshot")
                .get("/api/v1/annotations")
                .then()
                .body("items[0].value.file_size_in_bytes", equalTo(20480))
                .body("items[0].annotation_id", equalTo("an_b1b2c3d4e5f8"))
                .body("items[0].source_id", equalTo("test_model"));
        Api.reader()
                .queryParam("key", "safety")
                .queryParam("task_id", Fixtures.ALL_TYPES_ID)
                .get("/api/v1/annotations")
                .then()
                .body("items[0].value", nullValue())
                .body("items[0].not_applicable", equalTo(true));
        Api.reader()
                .queryParam("key", "chunk_is_correct")
                .get("/api/v1/annotations")
                .then()
                .body("items[0].path", equalTo("chunks[0]"))
                .body("items[0].message_id", equalTo(2));
    }

    @Test
    void filtersByProjectIdOrNameAndByValueRange() {
        Api.reader()
                .queryParam("project", "Example Evals Project")
                .queryParam("key", "instruction_following")
                .get("/api/v1/annotations")
                .then()
                .body("items.value", containsInAnyOrder(3, 2));
        Api.reader()
                .queryParam("project", "65a0b1c2d3e4f50012345678")
                .queryParam("key", "instruction_following")
                .queryParam("value_min", "3")
                .get("/api/v1/annotations")
                .then()
                .body("items.value", contains(3));
        Api.reader()
                .queryParam("key", "overall")
                .queryParam("key", "truthfulness")
                .queryParam("value_max", "2")
                .get("/api/v1/annotations")
                .then()
                .body("items.value", containsInAnyOrder(2, 1));
        Api.reader()
                .queryParam("completed_after", "2025-03-01T00:00:00Z")
                .queryParam("key", "overall")
                .get("/api/v1/annotations")
                .then()
                .body("items", empty());
        Api.reader()
                .queryParam("model", "base-model-v1")
                .queryParam("role", "assistant")
                .get("/api/v1/annotations")
                .then()
                .body(
                        "items.key",
                        containsInAnyOrder(
                                "chunk_is_correct",
                                "instruction_following",
                                "overall_quality",
                                "issues",
                                "truthfulness_notes",
                                "safety"));
    }

    @Test
    void pagesThroughEveryRowOnceWithTheCursor() {
        long total = db.count("select count(*) from annotation");
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = Api.reader().queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/annotations")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Object> items = page.getList("items");
            for (int i = 0; i < items.size(); i++) {
                seen.add(page.getString("items[" + i + "].task_id") + "/" + page.getString("items[" + i + "].key") + "/"
                        + page.getString("items[" + i + "].level") + "/" + page.getString("items[" + i + "].source_id")
                        + "/" + page.getString("items[" + i + "].turn_id") + "/"
                        + page.getString("items[" + i + "].path"));
            }
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(total, seen.size());
        assertEquals((total + 6) / 7, pages);
    }

    @Test
    void returns400NamingEachBadParameter() {
        Api.reader()
                .queryParam("level", "paragraph")
                .queryParam("value_min", "abc")
                .queryParam("completed_after", "yesterday")
                .queryParam("limit", "1001")
                .queryParam("colour", "red")
                .get("/api/v1/annotations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("level", "value_min", "completed_after", "limit", "colour"));
        Api.reader()
                .queryParam("value_min", "5")
                .queryParam("value_max", "1")
                .get("/api/v1/annotations")
                .then()
                .statusCode(400)
                .body("errors.field", contains("value_min"));
    }

    @Test
    void returns400ForATamperedCursor() {
        String cursor = Api.reader()
                .queryParam("limit", 1)
                .get("/api/v1/annotations")
                .then()
                .extract()
                .path("next_cursor");
        for (String bad :
                List.of(cursor + "x", "x" + cursor, "djE6LTE", "not a cursor", "djE6OTk5OTk5OTk5OTk5OTk5OTk5OTk5OQ")) {
            Api.reader()
                    .queryParam("cursor", bad)
                    .get("/api/v1/annotations")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", contains("cursor"));
        }
    }

    @Test
    void refusesACursorFromAnotherList() {
        String taskCursor = Api.reader()
                .queryParam("limit", 1)
                .get("/api/v1/tasks")
                .then()
                .extract()
                .path("next_cursor");
        Api.reader()
                .queryParam("cursor", taskCursor)
                .get("/api/v1/annotations")
                .then()
                .statusCode(400)
                .body("errors.field", contains("cursor"));
        Api.reader()
                .queryParam("cursor", taskCursor)
                .get("/api/v1/tasks")
                .then()
                .statusCode(200);
    }

    @Test
    void listsTasksWithFilters() {
        Api.reader()
                .get("/api/v1/tasks")
                .then()
                .statusCode(200)
                .body("items.task_id", containsInAnyOrder(Fixtures.PAIRWISE_ID, Fixtures.ALL_TYPES_ID))
                .body("next_cursor", nullValue());
        Api.reader()
                .queryParam("batch", "example-batch-2025-03")
                .queryParam("status", "completed")
                .queryParam("completed_before", "2025-03-06")
                .get("/api/v1/tasks")
                .then()
                .body("items.task_id", contains(Fixtures.ALL_TYPES_ID))
                .body("items[0].project_name", equalTo("Example Evals Project"))
                .body("items[0].completed_at", notNullValue());
        Api.reader()
                .queryParam("limit", 1)
                .get("/api/v1/tasks")
                .then()
                .body("items", hasSize(1))
                .body("next_cursor", notNullValue());
    }

    @Test
    void answers404ProblemForAnUnknownTask() {
        Api.reader()
                .get("/api/v1/tasks/task_unknown")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
