package io.annotationstore.query;

import static io.annotationstore.query.ScaleTasks.annotation;
import static io.annotationstore.query.ScaleTasks.assistant;
import static io.annotationstore.query.ScaleTasks.flagged;
import static io.annotationstore.query.ScaleTasks.message;
import static io.annotationstore.query.ScaleTasks.task;
import static io.annotationstore.query.ScaleTasks.thread;
import static io.annotationstore.query.ScaleTasks.turn;
import static io.annotationstore.query.ScaleTasks.typed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Six tasks rating two responses each on {@code helpfulness} (integer 1-7), with category,
 * boolean and fractional keys. Values per source (docs in the tests):
 * alpha [1, 2, 4 (alpha-v1), 7 (alpha-v2)]; beta [5, 5, 6] plus not_applicable, cannot_assess
 * and a null value; gamma [3].
 */
final class StatsTasks {

    private StatsTasks() {}

    static List<ObjectNode> all() {
        return List.of(
                rated(
                        "stats_1",
                        "proj_a",
                        "batch_1",
                        "2025-04-01T12:00:00Z",
                        alpha(
                                "alpha-v1",
                                annotation("helpfulness", 1),
                                typed("tone", "category", "friendly"),
                                typed("is_safe", "boolean", true),
                                annotation("confidence", 0.5)),
                        beta(annotation("helpfulness", 5), typed("tone", "category", "formal"))),
                rated(
                        "stats_2",
                        "proj_a",
                        "batch_1",
                        "2025-04-02T12:00:00Z",
                        alpha(
                                "alpha-v1",
                                annotation("helpfulness", 2),
                                typed("tone", "category", "friendly"),
                                typed("is_safe", "boolean", false),
                                annotation("confidence", 0.75)),
                        beta(annotation("helpfulness", 5))),
                rated(
                        "stats_3",
                        "proj_a",
                        "batch_2",
                        "2025-04-03T12:00:00Z",
                        alpha("alpha-v1", annotation("helpfulness", 4), typed("is_safe", "boolean", true)),
                        beta(annotation("helpfulness", 6))),
                rated(
                        "stats_4",
                        "proj_b|Project B",
                        "batch_3",
                        "2025-04-04T12:00:00Z",
                        alpha("alpha-v2", annotation("helpfulness", 7)),
                        beta(flagged("helpfulness", "not_applicable"))),
                rated(
                        "stats_5",
                        "proj_b|Project B",
                        "batch_3",
                        "2025-04-05T12:00:00Z",
                        assistant("gamma", "gamma-v1", "G", annotation("helpfulness", 3)),
                        beta(flagged("helpfulness", "cannot_assess"))),
                rated(
                        "stats_6",
                        "proj_b|Project B",
                        "batch_3",
                        "2025-04-06T12:00:00Z",
                        assistant("gamma", "gamma-v1", "G"),
                        beta(annotation("helpfulness", null))));
    }

    private static ObjectNode rated(
            String id, String project, String batch, String completedAt, ObjectNode first, ObjectNode second) {
        return task(
                id,
                project,
                batch,
                completedAt,
                thread("thread_0", turn("turn_0", List.of(message("user", "Rate these."), first, second))));
    }

    private static ObjectNode alpha(String model, ObjectNode... annotations) {
        return assistant("alpha", model, "A", annotations);
    }

    private static ObjectNode beta(ObjectNode... annotations) {
        return assistant("beta", "beta-v1", "B", annotations);
    }
}
