package io.annotationstore.ingest.backfill;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A backfill's progress: pages read, tasks seen and queued, and how their fetches ended. */
@RegisterForReflection
public record BackfillResponse(
        long id,
        String state,
        String origin,
        String projectId,
        String projectName,
        String batchId,
        String batchName,
        Instant completedAfter,
        int pages,
        int tasksSeen,
        int tasksQueued,
        long tasksStored,
        long tasksFailed,
        String lastError,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    static BackfillResponse of(Backfill b, long[] outcomes) {
        return new BackfillResponse(
                b.id,
                b.state,
                b.origin,
                b.projectId,
                b.projectName,
                b.batchId,
                b.batchName,
                b.completedAfter,
                b.pages,
                b.tasksSeen,
                b.tasksQueued,
                outcomes[0],
                outcomes[1],
                b.lastError,
                b.createdAt,
                b.updatedAt,
                b.finishedAt);
    }
}
