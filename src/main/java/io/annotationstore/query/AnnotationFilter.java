package io.annotationstore.query;

import io.quarkus.panache.common.Parameters;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The annotation filters of api.md §3, validated; every value is bound, never concatenated. */
public record AnnotationFilter(
        List<String> keys,
        String project,
        String batch,
        String taskId,
        String level,
        String sourceId,
        String model,
        String role,
        BigDecimal valueMin,
        BigDecimal valueMax,
        Instant completedAfter,
        Instant completedBefore) {

    public static final Set<String> LEVELS = Set.of("task", "thread", "turn", "message", "chunk");
    public static final Set<String> PARAMETERS = Set.of(
            "key",
            "project",
            "batch",
            "task_id",
            "level",
            "source_id",
            "model",
            "role",
            "value_min",
            "value_max",
            "completed_after",
            "completed_before");

    /** Reads the filter parameters, adding any problem to {@code params}. */
    public static AnnotationFilter parse(QueryParams params, AnnotationFilterParams raw) {
        List<String> keys = raw.key() == null
                ? List.of()
                : raw.key().stream()
                        .map(k -> params.text("key", k))
                        .filter(k -> k != null)
                        .toList();
        BigDecimal min = params.number("value_min", raw.valueMin());
        BigDecimal max = params.number("value_max", raw.valueMax());
        params.require(min == null || max == null || min.compareTo(max) <= 0, "value_min", "must not exceed value_max");
        Instant after = params.instant("completed_after", raw.completedAfter());
        Instant before = params.instant("completed_before", raw.completedBefore());
        params.require(
                after == null || before == null || after.isBefore(before),
                "completed_after",
                "must be before completed_before");
        return new AnnotationFilter(
                keys,
                params.text("project", raw.project()),
                params.text("batch", raw.batch()),
                params.text("task_id", raw.taskId()),
                params.oneOf("level", raw.level(), LEVELS),
                params.text("source_id", raw.sourceId()),
                params.text("model", raw.model()),
                params.text("role", raw.role()),
                min,
                max,
                after,
                before);
    }

    /** A JPQL condition over an {@code Annotation} aliased {@code a}, and its parameters. */
    public String where(Parameters parameters) {
        StringBuilder where = new StringBuilder("1 = 1");
        if (!keys.isEmpty()) {
            where.append(" and a.key in :keys");
            parameters.and("keys", keys);
        }
        if (project != null) {
            where.append(" and (a.projectId = :project or a.projectName = :project)");
            parameters.and("project", project);
        }
        if (batch != null) {
            where.append(" and (a.batchId = :batch or a.batchName = :batch)");
            parameters.and("batch", batch);
        }
        equal(where, parameters, "a.taskId", "taskId", taskId);
        equal(where, parameters, "a.level", "level", level);
        equal(where, parameters, "a.sourceId", "sourceId", sourceId);
        equal(where, parameters, "a.model", "model", model);
        equal(where, parameters, "a.role", "role", role);
        if (valueMin != null) {
            where.append(" and a.valueNumber >= :valueMin");
            parameters.and("valueMin", valueMin);
        }
        if (valueMax != null) {
            where.append(" and a.valueNumber <= :valueMax");
            parameters.and("valueMax", valueMax);
        }
        if (completedAfter != null) {
            where.append(" and a.completedAt >= :completedAfter");
            parameters.and("completedAfter", completedAfter);
        }
        if (completedBefore != null) {
            where.append(" and a.completedAt < :completedBefore");
            parameters.and("completedBefore", completedBefore);
        }
        return where.toString();
    }

    private static void equal(StringBuilder where, Parameters parameters, String column, String name, String value) {
        if (value != null) {
            where.append(" and ").append(column).append(" = :").append(name);
            parameters.and(name, value);
        }
    }
}
