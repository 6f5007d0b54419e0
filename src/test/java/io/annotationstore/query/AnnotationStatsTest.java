package io.annotationstore.query;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annotationstore.support.Database;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected values are computed by hand from {@link StatsTasks}; percentiles as percentile_cont. */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class AnnotationStatsTest {

    private static final double EPSILON = 1e-9;

    @Inject
    Database db;

    @BeforeEach
    void load() {
        db.clear();
        ScaleTasks.load(StatsTasks.all());
    }

    private static ValidatableResponse stats(Object... parameters) {
        return Analytics.reader(parameters).get("/api/v1/annotations/stats").then();
    }

    @Test
    void answersIntegerStatisticsPerSource() {
        stats("key", "helpfulness", "group_by", "source_id")
                .statusCode(200)
                .body("key", equalTo("helpfulness"))
                .body("group_by", equalTo("source_id"))
                .body("groups.group", contains("alpha", "beta", "gamma"))
                // alpha: 1, 2, 4, 7
                .body("groups[0].count", equalTo(4))
                .body("groups[0].excluded", equalTo(0))
                .body("groups[0].mean", closeTo(3.5, EPSILON))
                .body("groups[0].stddev", closeTo(Math.sqrt(7), EPSILON))
                .body("groups[0].min", equalTo(1))
                .body("groups[0].max", equalTo(7))
                .body("groups[0].p25", closeTo(1.75, EPSILON))
                .body("groups[0].p50", closeTo(3.0, EPSILON))
                .body("groups[0].p75", closeTo(4.75, EPSILON))
                .body("groups[0].histogram", equalTo(Map.of("1", 1, "2", 1, "4", 1, "7", 1)))
                // beta: 5, 5, 6; not_applicable, cannot_assess and a null value are excluded
                .body("groups[1].count", equalTo(3))
                .body("groups[1].excluded", equalTo(3))
                .body("groups[1].mean", closeTo(16.0 / 3, EPSILON))
                .body("groups[1].stddev", closeTo(Math.sqrt(1.0 / 3), EPSILON))
                .body("groups[1].p25", closeTo(5.0, EPSILON))
                .body("groups[1].p50", closeTo(5.0, EPSILON))
                .body("groups[1].p75", closeTo(5.5, EPSILON))
                .body("groups[1].histogram", equalTo(Map.of("5", 2, "6", 1)))
                // gamma: one value, so no sample standard deviation
                .body("groups[2].count", equalTo(1))
                .body("groups[2].stddev", nullValue())
                .body("groups[2].p75", closeTo(3.0, EPSILON))
                .body("groups[2].histogram", equalTo(Map.of("3", 1)));
    }

    @Test
    void keepsTheHistogramInValueOrder() {
        String body =
                stats("key", "helpfulness", "source_id", "alpha").extract().asString();
        assertTrue(body.contains("\"histogram\":{\"1\":1,\"2\":1,\"4\":1,\"7\":1}"), body);
    }

    @Test
    void answersPerModel() {
        stats("key", "helpfulness", "group_by", "model")
                .statusCode(200)
                .body("groups.group", contains("alpha-v1", "alpha-v2", "beta-v1", "gamma-v1"))
                .body("groups[0].count", equalTo(3))
                .body("groups[0].mean", closeTo(7.0 / 3, EPSILON))
                .body("groups[0].stddev", closeTo(Math.sqrt(7.0 / 3), EPSILON))
                .body("groups[0].p25", closeTo(1.5, EPSILON))
                .body("groups[0].p50", closeTo(2.0, EPSILON))
                .body("groups[0].p75", closeTo(3.0, EPSILON))
                .body("groups[1].count", equalTo(1))
                .body("groups[1].mean", closeTo(7.0, EPSILON));
    }

    @Test
    void answersPerProjectAndBatch() {
        stats("key", "helpfulness", "group_by", "project")
                .statusCode(200)
                .body("groups.group", contains("proj_a", "proj_b"))
                // proj_a: 1, 2, 4, 5, 5, 6
                .body("groups[0].count", equalTo(6))
                .body("groups[0].mean", closeTo(23.0 / 6, EPSILON))
                .body("groups[0].stddev", closeTo(1.9407902170679516, EPSILON))
                .body("groups[0].p25", closeTo(2.5, EPSILON))
                .body("groups[0].p50", closeTo(4.5, EPSILON))
                .body("groups[0].p75", closeTo(5.0, EPSILON))
                // proj_b: 7, 3 and three excluded
                .body("groups[1].count", equalTo(2))
                .body("groups[1].excluded", equalTo(3))
                .body("groups[1].stddev", closeTo(Math.sqrt(8), EPSILON))
                .body("groups[1].p25", closeTo(4.0, EPSILON))
                .body("groups[1].histogram", equalTo(Map.of("3", 1, "7", 1)));
        stats("key", "helpfulness", "group_by", "batch")
                .statusCode(200)
                .body("groups.group", contains("batch_1", "batch_2", "batch_3"))
                // batch_1: 1, 5, 2, 5
                .body("groups[0].mean", closeTo(3.25, EPSILON))
                .body("groups[0].p25", closeTo(1.75, EPSILON))
                .body("groups[0].p50", closeTo(3.5, EPSILON))
                .body("groups[0].p75", closeTo(5.0, EPSILON))
                .body("groups[1].p50", closeTo(5.0, EPSILON));
    }

    @Test
    void answersSeveralKeysPerKey() {
        stats("key", "helpfulness", "key", "tone", "group_by", "key")
                .statusCode(200)
                .body("key", contains("helpfulness", "tone"))
                .body("groups.group", contains("helpfulness", "tone"))
                // helpfulness: 1, 2, 3, 4, 5, 5, 6, 7
                .body("groups[0].count", equalTo(8))
                .body("groups[0].excluded", equalTo(3))
                .body("groups[0].mean", closeTo(4.125, EPSILON))
                .body("groups[0].stddev", closeTo(2.03100960115899, EPSILON))
                .body("groups[0].p25", closeTo(2.75, EPSILON))
                .body("groups[0].p50", closeTo(4.5, EPSILON))
                .body("groups[0].p75", closeTo(5.25, EPSILON))
                .body("groups[1].count", equalTo(3))
                .body("groups[1].mean", nullValue())
                .body("groups[1].histogram", equalTo(Map.of("formal", 1, "friendly", 2)));
    }

    @Test
    void countsCategoriesAndBooleansWithoutNumericFields() {
        stats("key", "tone")
                .statusCode(200)
                .body("group_by", equalTo("source_id"))
                .body("groups.group", contains("alpha", "beta"))
                .body("groups[0].count", equalTo(2))
                .body("groups[0].histogram", equalTo(Map.of("friendly", 2)))
                .body("groups[0].mean", nullValue())
                .body("groups[0].stddev", nullValue())
                .body("groups[0].min", nullValue())
                .body("groups[0].p50", nullValue())
                .body("groups[1].histogram", equalTo(Map.of("formal", 1)));
        stats("key", "is_safe")
                .statusCode(200)
                .body("groups[0].count", equalTo(3))
                .body("groups[0].histogram", equalTo(Map.of("true", 2, "false", 1)));
    }

    @Test
    void answersFractionalValuesWithoutAHistogram() {
        stats("key", "confidence")
                .statusCode(200)
                .body("groups[0].count", equalTo(2))
                .body("groups[0].mean", closeTo(0.625, EPSILON))
                .body("groups[0].min", closeTo(0.5, EPSILON))
                .body("groups[0].histogram", nullValue());
    }

    @Test
    void excludesNumbersBeyondDoublePrecisionRange() {
        ScaleTasks.load(List.of(ScaleTasks.task(
                "stats_huge",
                "proj_c",
                "batch_c",
                "2025-04-07T00:00:00Z",
                ScaleTasks.thread(
                        "thread_0",
                        ScaleTasks.turn(
                                "turn_0",
                                List.of(
                                        ScaleTasks.assistant(
                                                "delta", "delta-v1", "D", annotation("helpfulness", "1E+400")),
                                        ScaleTasks.assistant(
                                                "delta", "delta-v1", "D", annotation("helpfulness", "1E-400")),
                                        ScaleTasks.assistant(
                                                "delta", "delta-v1", "D", annotation("helpfulness", "2"))))))));
        stats("key", "helpfulness", "source_id", "delta")
                .statusCode(200)
                .body("groups[0].count", equalTo(1))
                .body("groups[0].excluded", equalTo(2))
                .body("groups[0].mean", closeTo(2.0, EPSILON))
                .body("groups[0].histogram", equalTo(Map.of("2", 1)));
    }

    private static ObjectNode annotation(String key, String number) {
        return ScaleTasks.annotation(key, new BigDecimal(number));
    }

    @Test
    void answersNoGroupsWhenNothingMatches() {
        stats("key", "no_such_key").statusCode(200).body("groups", empty());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "project          | proj_a               | alpha=3/0 beta=3/0",
                "project          | Project B            | alpha=1/0 beta=0/3 gamma=1/0",
                "batch            | batch_2              | alpha=1/0 beta=1/0",
                "task_id          | stats_4              | alpha=1/0 beta=0/1",
                "level            | message              | alpha=4/0 beta=3/3 gamma=1/0",
                "level            | turn                 | ''",
                "source_id        | gamma                | gamma=1/0",
                "model            | alpha-v2             | alpha=1/0",
                "role             | assistant            | alpha=4/0 beta=3/3 gamma=1/0",
                "role             | user                 | ''",
                "value_min        | 5                    | alpha=1/0 beta=3/0",
                "value_max        | 2                    | alpha=2/0",
                "completed_after  | 2025-04-04T00:00:00Z | alpha=1/0 beta=0/3 gamma=1/0",
                "completed_before | 2025-04-02           | alpha=1/0 beta=1/0"
            })
    void appliesEveryAnnotationFilter(String parameter, String value, String expected) {
        JsonPath answer = stats("key", "helpfulness", parameter, value)
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> groups = answer.getList("groups");
        String actual = groups.stream()
                .map(g -> g.get("group") + "=" + g.get("count") + "/" + g.get("excluded"))
                .collect(Collectors.joining(" "));
        assertEquals(expected, actual);
    }

    @Test
    void rejectsBadParametersNamingEachField() {
        stats("group_by", "colour")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("key", "group_by"));
        stats("key", "helpfulness", "value_min", "5", "value_max", "1")
                .statusCode(400)
                .body("errors.field", contains("value_min"));
        stats("key", "helpfulness", "completed_after", "last week", "completed_before", "2025-13-01")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("completed_after", "completed_before"));
        stats("key", "helpfulness", "level", "paragraph", "limit", "10", "value_max", "many")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("level", "limit", "value_max"));
        for (String bad : List.of("task_id", "SOURCE_ID", "source")) {
            stats("key", "helpfulness", "group_by", bad).statusCode(400).body("errors.field", contains("group_by"));
        }
    }

    @Test
    void requiresAToken() {
        RestAssured.given()
                .queryParam("key", "helpfulness")
                .get("/api/v1/annotations/stats")
                .then()
                .statusCode(401);
    }
}
