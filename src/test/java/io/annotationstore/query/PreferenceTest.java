package io.annotationstore.query;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annotationstore.support.Database;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected counts and rates are worked out by hand from {@link PreferenceTasks}. */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class PreferenceTest {

    private static final double EPSILON = 1e-9;

    @Inject
    Database db;

    @BeforeEach
    void load() {
        db.clear();
        ScaleTasks.load(PreferenceTasks.all());
    }

    private static ValidatableResponse preferences(Object... parameters) {
        return Analytics.reader(parameters).get("/api/v1/preferences").then();
    }

    private static ValidatableResponse summary(Object... parameters) {
        return Analytics.reader(parameters).get("/api/v1/preferences/summary").then();
    }

    @Test
    void listsOneRowPerComparedTurnSkippingMissingChoicesAndSingleResponses() {
        preferences()
                .statusCode(200)
                .body(
                        "items.task_id",
                        contains(
                                "pref_1", "pref_2", "pref_3", "pref_4", "pref_6", "pref_7", "pref_7", "pref_9",
                                "pref_10"))
                .body(
                        "items.winner_source_id",
                        contains("alpha", "alpha", "beta", null, "gamma", "beta", "alpha", "gamma", null))
                .body("next_cursor", nullValue());
    }

    @Test
    void carriesPromptCandidatesChoiceLikertAndJustification() {
        preferences("task_id", "pref_1")
                .body("items", hasSize(1))
                .body("items[0].project", equalTo("proj_p"))
                .body("items[0].batch", equalTo("batch_p1"))
                .body("items[0].thread_id", equalTo("thread_0"))
                .body("items[0].turn_id", equalTo("turn_0"))
                .body("items[0].prompt", equalTo(List.of(Map.of("role", "user", "content", "Q1"))))
                .body("items[0].candidates.source_id", contains("alpha", "beta"))
                .body("items[0].candidates.model", contains("alpha-v1", "beta-v1"))
                .body("items[0].candidates.text", contains(PreferenceTasks.AWKWARD, "B1"))
                .body("items[0].choice", equalTo("alpha"))
                .body("items[0].likert_value", equalTo(2))
                .body("items[0].justification", equalTo("alpha is clearer"))
                .body("items[0].completed_at", equalTo("2025-05-01T12:00:00Z"));
    }

    @Test
    void readsTiesThreeWayRankingsAndEarlierTurnsOfTheThread() {
        preferences("task_id", "pref_4")
                .body("items[0].choice", equalTo("tie"))
                .body("items[0].winner_source_id", nullValue());
        preferences("task_id", "pref_6")
                .body("items[0].candidates.source_id", contains("alpha", "beta", "gamma"))
                .body("items[0].choice", equalTo("gamma"));
        preferences("task_id", "pref_7")
                .body("items.turn_id", contains("turn_0", "turn_1"))
                .body("items[0].prompt.content", contains("Be brief.", "Q7a"))
                // the conversation went on from turn_0's chosen response, beta's
                .body("items[1].prompt.role", contains("system", "user", "assistant", "user"))
                .body("items[1].prompt.content", contains("Be brief.", "Q7a", "B7a", "Q7b"))
                .body("items[1].likert_value", nullValue())
                .body("items[1].justification", equalTo("follows up well"));
    }

    @Test
    void pagesThroughComparedTurnsWithTheCursor() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = Analytics.reader("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/preferences")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            seen.addAll(
                    page.getList("items.turn_id").stream().map(Object::toString).toList());
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(9, seen.size());
        assertEquals(3, pages);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "project          | proj_q     | pref_6 pref_7 pref_7 pref_9 pref_10",
                "batch            | batch_q2   | pref_9 pref_10",
                "task_id          | pref_7     | pref_7 pref_7",
                "source_id        | gamma      | pref_6 pref_9 pref_10",
                "model            | gamma-v1   | pref_6 pref_9 pref_10",
                "completed_after  | 2025-05-07 | pref_7 pref_7 pref_9 pref_10",
                "completed_before | 2025-05-02 | pref_1"
            })
    void appliesEveryPreferenceFilter(String parameter, String value, String expected) {
        List<String> tasks = preferences(parameter, value)
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.task_id");
        assertEquals(expected, String.join(" ", tasks));
    }

    @Test
    void summarisesEachPairWithTiesCountedHalf() {
        summary()
                .statusCode(200)
                .body("pairs.source_a", contains("alpha", "alpha", "beta"))
                .body("pairs.source_b", contains("beta", "gamma", "gamma"))
                .body("pairs.comparisons", contains(7, 2, 3))
                .body("pairs.wins_a", contains(3, 0, 0))
                .body("pairs.wins_b", contains(2, 1, 2))
                .body("pairs.ties", contains(2, 1, 1))
                .body("pairs[0].win_rate_a", closeTo(4.0 / 7, EPSILON))
                .body("pairs[0].win_rate_a_ci[0]", closeTo(0.2504583645276572, EPSILON))
                .body("pairs[0].win_rate_a_ci[1]", closeTo(0.8417801447485302, EPSILON))
                .body("pairs[1].win_rate_a", closeTo(0.25, EPSILON))
                .body("pairs[1].win_rate_a_ci[0]", closeTo(0.026677342008984584, EPSILON))
                .body("pairs[1].win_rate_a_ci[1]", closeTo(0.802132544237689, EPSILON))
                .body("pairs[2].win_rate_a", closeTo(0.5 / 3, EPSILON))
                .body("pairs[2].win_rate_a_ci[0]", closeTo(0.01765279427865346, EPSILON))
                .body("pairs[2].win_rate_a_ci[1]", closeTo(0.6900118935580435, EPSILON));
    }

    @Test
    void readsLikertFromSourceASideOnlyForTwoResponseTurns() {
        summary()
                // pref_1: 2 as given; pref_2: alpha second on 1-5, so 4 reads 2; pref_3: 5; pref_4: 4
                .body("pairs[0].likert_histogram", equalTo(Map.of("2", 2, "4", 1, "5", 1)))
                // pref_6 showed three responses: its likert counts for no pair
                .body("pairs[1].likert_histogram", equalTo(Map.of()))
                // pref_9: beta second on the default 1-7 scale, so 1 reads 7
                .body("pairs[2].likert_histogram", equalTo(Map.of("7", 1)));
    }

    @Test
    void ratesSourcesByBradleyTerryWithReproducibleBootstrapIntervals() {
        // maximum likelihood with the one-draw prior, solved independently (BFGS on the log-likelihood)
        String first = summary()
                .statusCode(200)
                .body("ratings.source_id", contains("gamma", "alpha", "beta"))
                .body("ratings[0].rating", closeTo(1134.10829077, 1e-4))
                .body("ratings[1].rating", closeTo(960.85607072, 1e-4))
                .body("ratings[2].rating", closeTo(909.14058385, 1e-4))
                .body("ratings[0].ci_low", lessThan(1134.10829077))
                .body("ratings[2].ci_high", notNullValue())
                .extract()
                .asString();
        JsonPath ratings = JsonPath.from(first);
        for (int i = 0; i < 3; i++) {
            double low = ratings.getDouble("ratings[" + i + "].ci_low");
            double high = ratings.getDouble("ratings[" + i + "].ci_high");
            double rating = ratings.getDouble("ratings[" + i + "].rating");
            assertTrue(low < rating && rating < high, ratings.prettify());
        }
        assertEquals(first, summary().extract().asString());
    }

    @Test
    void filtersTheSummaryByCandidateKeepingWholeTurns() {
        summary("source_id", "gamma")
                .statusCode(200)
                // only pref_10 compared alpha with beta among gamma's turns: a tie
                .body("pairs[0].source_a", equalTo("alpha"))
                .body("pairs[0].comparisons", equalTo(1))
                .body("pairs[0].ties", equalTo(1))
                .body("pairs.comparisons", contains(1, 2, 3));
        summary("project", "nobody").statusCode(200).body("pairs", hasSize(0)).body("ratings", hasSize(0));
    }

    @Test
    void readsTheFirstRankedChoiceWhateverFollowsIt() {
        ScaleTasks.load(List.of(
                ranked("ranked_1", List.of("beta", new BigDecimal("1E+131073"))),
                ranked("ranked_2", List.of(7, "alpha"))));
        preferences("project", "proj_r")
                .statusCode(200)
                // a first element that is not a source id is no choice: ranked_2 is not compared
                .body("items.task_id", contains("ranked_1"))
                .body("items[0].winner_source_id", equalTo("beta"));
    }

    private static ObjectNode ranked(String id, List<Object> ranking) {
        return ScaleTasks.task(
                id,
                "proj_r",
                "batch_r",
                "2025-07-01T00:00:00Z",
                ScaleTasks.thread(
                        "thread_0",
                        ScaleTasks.turn(
                                "turn_0",
                                List.of(
                                        ScaleTasks.message("user", "Q"),
                                        ScaleTasks.assistant("alpha", "alpha-v1", "A"),
                                        ScaleTasks.assistant("beta", "beta-v1", "B")),
                                ScaleTasks.typed("ranking", "ranked_choices", ranking))));
    }

    @Test
    void rejectsUnknownAndBadParametersNamingEachField() {
        preferences("key", "helpfulness", "level", "turn", "completed_after", "soon", "limit", "0")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("key", "level", "completed_after", "limit"));
        preferences("cursor", "forged").statusCode(400).body("errors.field", contains("cursor"));
        summary("limit", "10", "completed_before", "2025-02-30", "value_min", "1")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", containsInAnyOrder("limit", "completed_before", "value_min"));
        summary("completed_after", "2025-06-01", "completed_before", "2025-05-01")
                .statusCode(400)
                .body("errors.field", contains("completed_after"));
    }
}
