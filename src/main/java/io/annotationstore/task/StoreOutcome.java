package io.annotationstore.task;

/** What storing one task document did. */
public enum StoreOutcome {
    /** First time we hold this task. */
    CREATED,
    /** A newer or different document replaced the stored one, children included. */
    UPDATED,
    /** Scale recalled the task (completed to pending/canceled/error/deleted): status changed, annotations kept. */
    STATUS_UPDATED,
    /** The same document again. */
    UNCHANGED,
    /** Older than the stored document: ignored. */
    STALE;

    public boolean changed() {
        return this == CREATED || this == UPDATED || this == STATUS_UPDATED;
    }
}
