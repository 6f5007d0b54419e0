package io.annotationstore.query;

import static io.annotationstore.query.ScaleTasks.annotation;
import static io.annotationstore.query.ScaleTasks.assistant;
import static io.annotationstore.query.ScaleTasks.message;
import static io.annotationstore.query.ScaleTasks.task;
import static io.annotationstore.query.ScaleTasks.thread;
import static io.annotationstore.query.ScaleTasks.turn;
import static io.annotationstore.query.ScaleTasks.typed;
import static io.annotationstore.query.ScaleTasks.withPossibleValues;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Ten hand-built comparison tasks. Compared turns, in order: pref_1, pref_2, pref_3, pref_4 (tie),
 * pref_6 (three-way), pref_7 turn_0 and turn_1 (one thread), pref_9, pref_10 (three-way tie).
 * pref_5 has no choice and pref_8 a single response: neither is compared.
 *
 * <p>Per pair, by hand: alpha-beta 7 comparisons (alpha won pref_1, pref_2, pref_7/turn_1; beta
 * won pref_3, pref_7/turn_0; ties pref_4, pref_10); alpha-gamma 2 (gamma won pref_6, tie
 * pref_10); beta-gamma 3 (gamma won pref_6, pref_9, tie pref_10).
 */
final class PreferenceTasks {

    /** Commas, quotes, a newline and characters outside ASCII. */
    static final String AWKWARD = "Sure, here's the \"plan\":\n1. Café ☕ — 漢字 🎉";

    private PreferenceTasks() {}

    static List<ObjectNode> all() {
        return List.of(
                single(
                        "pref_1",
                        "proj_p",
                        "batch_p1",
                        "2025-05-01T12:00:00Z",
                        "Q1",
                        List.of(alpha(AWKWARD), beta("B1")),
                        annotation("selected_model_id", "alpha"),
                        annotation("likert_value", 2),
                        annotation("justification", "alpha is clearer")),
                // beta shown first; likert on a five-point scale: 4 = "B better" = alpha
                single(
                        "pref_2",
                        "proj_p",
                        "batch_p1",
                        "2025-05-02T12:00:00Z",
                        "Q2",
                        List.of(beta("B2"), alpha("A2")),
                        annotation("selected_model_id", "alpha"),
                        withPossibleValues(typed("likert_value", "integer", 4), 1, 2, 3, 4, 5)),
                single(
                        "pref_3",
                        "proj_p",
                        "batch_p1",
                        "2025-05-03T12:00:00Z",
                        "Q3",
                        List.of(alpha("A3"), beta("B3")),
                        annotation("selected_model_id", "beta"),
                        annotation("likert_value", 5)),
                single(
                        "pref_4",
                        "proj_p",
                        "batch_p2",
                        "2025-05-04T12:00:00Z",
                        "Q4",
                        List.of(alpha("A4"), beta("B4")),
                        annotation("selected_model_id", "tie"),
                        annotation("likert_value", 4)),
                single(
                        "pref_5",
                        "proj_p",
                        "batch_p2",
                        "2025-05-05T12:00:00Z",
                        "Q5",
                        List.of(alpha("A5"), beta("B5")),
                        annotation("likert_value", 3)),
                single(
                        "pref_6",
                        "proj_q",
                        "batch_q1",
                        "2025-05-06T12:00:00Z",
                        "Q6",
                        List.of(alpha("A6"), beta("B6"), gamma("G6")),
                        typed("preference_ranking", "ranked_choices", List.of("gamma", "alpha", "beta")),
                        annotation("likert_value", 2)),
                task(
                        "pref_7",
                        "proj_q",
                        "batch_q1",
                        "2025-05-07T12:00:00Z",
                        thread(
                                "thread_7",
                                turn(
                                        "turn_0",
                                        List.of(
                                                message("system", "Be brief."),
                                                message("user", "Q7a"),
                                                alpha("A7a"),
                                                beta("B7a")),
                                        annotation("selected_model_id", "beta")),
                                turn(
                                        "turn_1",
                                        List.of(message("user", "Q7b"), alpha("A7b"), beta("B7b")),
                                        annotation("selected_model_id", "alpha"),
                                        annotation("justification", "follows up well")))),
                single(
                        "pref_8",
                        "proj_q",
                        "batch_q1",
                        "2025-05-08T12:00:00Z",
                        "Q8",
                        List.of(alpha("A8")),
                        annotation("selected_model_id", "alpha")),
                // gamma shown first: likert 1 = "A much better" = gamma
                single(
                        "pref_9",
                        "proj_q",
                        "batch_q2",
                        "2025-05-09T12:00:00Z",
                        "Q9",
                        List.of(gamma("G9"), beta("B9")),
                        annotation("selected_model_id", "gamma"),
                        annotation("likert_value", 1)),
                single(
                        "pref_10",
                        "proj_q",
                        "batch_q2",
                        "2025-05-10T12:00:00Z",
                        "Q10",
                        List.of(alpha("A10"), beta("B10"), gamma("G10")),
                        annotation("selected_model_id", "none_of_them")));
    }

    private static ObjectNode single(
            String id,
            String project,
            String batch,
            String completedAt,
            String prompt,
            List<ObjectNode> responses,
            ObjectNode... choice) {
        List<ObjectNode> messages = new ArrayList<>();
        messages.add(message("user", prompt));
        messages.addAll(responses);
        return task(id, project, batch, completedAt, thread("thread_0", turn("turn_0", messages, choice)));
    }

    private static ObjectNode alpha(String text) {
        return assistant("alpha", "alpha-v1", text);
    }

    private static ObjectNode beta(String text) {
        return assistant("beta", "beta-v1", text);
    }

    private static ObjectNode gamma(String text) {
        return assistant("gamma", "gamma-v1", text);
    }
}
