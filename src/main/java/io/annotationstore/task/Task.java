package io.annotationstore.task;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored Scale task: the searchable fields plus the original document. */
@Entity
@Table(name = "task")
public class Task {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "task_seq")
    @SequenceGenerator(name = "task_seq", sequenceName = "task_seq", allocationSize = 50)
    public Long id;

    @Column(name = "task_id", nullable = false, unique = true)
    public String taskId;

    @Column(name = "project_id")
    public String projectId;

    @Column(name = "project_name")
    public String projectName;

    @Column(name = "batch_id")
    public String batchId;

    @Column(name = "batch_name")
    public String batchName;

    @Column(nullable = false)
    public String status;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode metadata;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode errors;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sensitive_content_reports")
    public JsonNode sensitiveContentReports;

    /** Loaded only when read: lists of tasks never pull whole documents. */
    @Basic(fetch = FetchType.LAZY)
    @Column(nullable = false)
    public String document;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(name = "stored_at", nullable = false)
    public Instant storedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** {@link io.annotationstore.infra.OriginalText} of the text columns; null when they hold the text as sent. */
    @Column(name = "original_text")
    public String originalText;
}
