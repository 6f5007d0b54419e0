package io.annotationstore.ingest.backfill;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A backfill job and its checkpoint; state changes go through {@link BackfillRepository}. */
@Entity
@Table(name = "backfill")
public class Backfill {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id")
    public String projectId;

    @Column(name = "project_name")
    public String projectName;

    @Column(name = "batch_id")
    public String batchId;

    @Column(name = "batch_name")
    public String batchName;

    @Column(name = "completed_after")
    public Instant completedAfter;

    @Column(nullable = false)
    public String origin;

    @Column(nullable = false)
    public String state;

    @Column(name = "next_token")
    public String nextToken;

    public int pages;

    @Column(name = "tasks_seen")
    public int tasksSeen;

    @Column(name = "tasks_queued")
    public int tasksQueued;

    public int attempts;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "lease_until", nullable = false)
    public Instant leaseUntil;

    @Column(name = "claimed_by")
    public String claimedBy;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;
}
