package io.annotationstore.scale;

import java.time.Instant;

/** What to list from {@code GET /v2/tasks}: a project (by id or name), optionally one batch. */
public record ScaleListQuery(
        String projectId, String projectName, String batchId, String batchName, Instant completedAfter) {}
