package io.annotationstore.query;

import io.annotationstore.task.Task;
import java.time.Instant;

/** A stored task without its conversation. */
public record TaskSummary(
        String taskId,
        String project,
        String projectName,
        String batch,
        String batchName,
        String status,
        Instant createdAt,
        Instant completedAt,
        Instant storedAt,
        Instant updatedAt) {

    public static TaskSummary of(Task t) {
        return new TaskSummary(
                t.taskId,
                t.projectId != null ? t.projectId : t.projectName,
                t.projectName,
                t.batchId != null ? t.batchId : t.batchName,
                t.batchName,
                t.status,
                t.createdAt,
                t.completedAt,
                t.storedAt,
                t.updatedAt);
    }
}
