package io.annotationstore.query;

import io.annotationstore.infra.OriginalText;
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

    /** The summary of a stored task, with the text Scale sent where the stored copy differs. */
    public static TaskSummary of(Task t) {
        OriginalText original = OriginalText.read(t.originalText);
        String projectId = original.get("project_id", t.projectId);
        String projectName = original.get("project_name", t.projectName);
        String batchId = original.get("batch_id", t.batchId);
        String batchName = original.get("batch_name", t.batchName);
        return new TaskSummary(
                t.taskId,
                projectId != null ? projectId : projectName,
                projectName,
                batchId != null ? batchId : batchName,
                batchName,
                original.get("status", t.status),
                t.createdAt,
                t.completedAt,
                t.storedAt,
                t.updatedAt);
    }
}
