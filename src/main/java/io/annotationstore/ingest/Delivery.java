package io.annotationstore.ingest;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The inbox row of one Scale task. State changes go through {@link DeliveryRepository}'s
 * single-statement updates, so concurrent callbacks and workers never race on it.
 */
@Entity
@Table(name = "delivery")
public class Delivery {

    @Id
    public Long id;

    @Column(name = "task_id", nullable = false)
    public String taskId;

    @Column(nullable = false)
    public String state;

    @Column(nullable = false)
    public String source;

    public int attempts;

    @Column(name = "last_error_status")
    public Integer lastErrorStatus;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "lease_until")
    public Instant leaseUntil;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "requeue_requested")
    public boolean requeueRequested;

    @Column(name = "callback_count")
    public int callbackCount;

    @Column(name = "last_callback_body")
    public String lastCallbackBody;

    @Column(name = "last_callback_hash")
    public String lastCallbackHash;

    @Column(name = "received_at", nullable = false)
    public Instant receivedAt;

    @Column(name = "queued_at", nullable = false)
    public Instant queuedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
