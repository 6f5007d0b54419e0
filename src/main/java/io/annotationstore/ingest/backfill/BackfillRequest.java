package io.annotationstore.ingest.backfill;

/**
 * What to backfill: a project given as {@code project} (an id or a name; a 24-hex-digit value is
 * taken as Scale's id) or explicitly as {@code project_id} / {@code project_name}; optionally one
 * batch the same way; optionally only tasks completed after an ISO-8601 instant.
 */
public record BackfillRequest(
        String project,
        String projectId,
        String projectName,
        String batch,
        String batchId,
        String batchName,
        String completedAfter) {}
