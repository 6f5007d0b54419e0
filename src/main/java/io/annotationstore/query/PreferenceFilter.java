package io.annotationstore.query;

import java.time.Instant;
import java.util.Set;

/**
 * The filters of the preference endpoints, validated. {@code source_id} and {@code model} match
 * a compared turn when either candidate has them; the others are the task's.
 */
public record PreferenceFilter(
        String project,
        String batch,
        String taskId,
        String sourceId,
        String model,
        Instant completedAfter,
        Instant completedBefore) {

    public static final Set<String> PARAMETERS =
            Set.of("project", "batch", "task_id", "source_id", "model", "completed_after", "completed_before");

    /** Reads the filter parameters, adding any problem to {@code params}. */
    public static PreferenceFilter parse(QueryParams params, PreferenceFilterParams raw) {
        Instant after = params.instant("completed_after", raw.completedAfter());
        Instant before = params.instant("completed_before", raw.completedBefore());
        params.require(
                after == null || before == null || after.isBefore(before),
                "completed_after",
                "must be before completed_before");
        return new PreferenceFilter(
                params.text("project", raw.project()),
                params.text("batch", raw.batch()),
                params.text("task_id", raw.taskId()),
                params.text("source_id", raw.sourceId()),
                params.text("model", raw.model()),
                after,
                before);
    }

    /** The condition over {@code turn t} and its {@code task k}, with its values bound. */
    SqlWhere where() {
        SqlWhere where = new SqlWhere()
                .either("k.project_id", "k.project_name", project)
                .either("k.batch_id", "k.batch_name", batch)
                .equal("k.task_id", taskId)
                .atLeast("k.completed_at", completedAfter)
                .before("k.completed_at", completedBefore);
        if (sourceId != null) {
            where.and(candidateHas("source_id"), sourceId);
        }
        if (model != null) {
            where.and(candidateHas("model"), model);
        }
        return where;
    }

    private static String candidateHas(String column) {
        return "exists (select 1 from message f where f.turn_pk = t.id and f.role = 'assistant' and f." + column
                + " = ?)";
    }
}
