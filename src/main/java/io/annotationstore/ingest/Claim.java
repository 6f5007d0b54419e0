package io.annotationstore.ingest;

import java.time.Instant;

/** A delivery a worker has claimed: it may fetch and store it while its lease holds. */
public record Claim(long id, String taskId, int attempts, Instant queuedAt) {}
