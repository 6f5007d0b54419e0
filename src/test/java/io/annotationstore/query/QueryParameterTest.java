package io.annotationstore.query;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A parameter left empty or given twice is a 400 naming it, on every list, stats and export
 * endpoint: a script whose variable came out empty must not export the whole store, and a second
 * value must not be silently dropped.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class QueryParameterTest {

    @Inject
    Database db;

    @BeforeEach
    void reset() {
        db.clear();
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/tasks, project",
        "/api/v1/tasks, status",
        "/api/v1/tasks, completed_after",
        "/api/v1/annotations, task_id",
        "/api/v1/annotations, key",
        "/api/v1/annotations, value_min",
        "/api/v1/annotations, level",
        "/api/v1/annotations/stats, model",
        "/api/v1/annotations/stats, group_by",
        "/api/v1/preferences, task_id",
        "/api/v1/preferences/summary, source_id",
        "/api/v1/exports/annotations?format=csv, task_id",
        "/api/v1/exports/preferences?format=dpo, project",
        "/api/v1/deliveries, state",
        "/api/v1/annotations, limit"
    })
    void anEmptyParameterIsA400NamingIt(String path, String parameter) {
        assertProblemNaming(path, parameter + "=", parameter, "empty");
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/preferences, task_id",
        "/api/v1/tasks, limit",
        "/api/v1/deliveries, state",
        "/api/v1/annotations/stats, group_by",
        "/api/v1/exports/annotations?format=csv, task_id"
    })
    void aSingleValuedParameterGivenTwiceIsA400NamingIt(String path, String parameter) {
        String value = "state".equals(parameter) ? "stored" : "limit".equals(parameter) ? "1" : "model";
        assertProblemNaming(path, parameter + "=" + value + "&" + parameter + "=" + value, parameter, "once");
    }

    /** {@code query} added to {@code path} is a 400 problem whose error for {@code parameter} says {@code why}. */
    private static void assertProblemNaming(String path, String query, String parameter, String why) {
        Api.admin()
                .urlEncodingEnabled(false)
                .get(path + (path.contains("?") ? "&" : "?") + query)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.find { it.field == '" + parameter + "' }.message", containsString(why));
    }

    @ParameterizedTest
    @CsvSource({"project, proj%00x, must not contain U+0000", "task_id, %s, must be at most 512 characters"})
    void aTextFilterSaysWhatIsWrongWithIt(String parameter, String value, String message) {
        Api.reader()
                .urlEncodingEnabled(false)
                .get("/api/v1/annotations?" + parameter + "=" + value.replace("%s", "x".repeat(513)))
                .then()
                .statusCode(400)
                .body("errors.find { it.field == '" + parameter + "' }.message", equalTo(message));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/api/v1/annotations?key=overall&key=helpfulness", "/api/v1/tasks?cursor=", "/api/v1/tasks"})
    void aRepeatedKeyAndAnEmptyCursorAreFine(String pathAndQuery) {
        Api.reader().urlEncodingEnabled(false).get(pathAndQuery).then().statusCode(200);
    }
}
