package io.annotationstore.task;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One annotation at any level, with its owner's context copied in (project, batch, completion,
 * role, source, model) so that queries filter one table.
 */
@Entity
@Table(name = "annotation")
public class Annotation {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "annotation_seq")
    @SequenceGenerator(name = "annotation_seq", sequenceName = "annotation_seq", allocationSize = 50)
    public Long id;

    @Column(name = "task_pk", nullable = false)
    public Long taskPk;

    @Column(name = "thread_pk")
    public Long threadPk;

    @Column(name = "turn_pk")
    public Long turnPk;

    @Column(name = "message_pk")
    public Long messagePk;

    @Column(nullable = false)
    public String level;

    public String path;

    @Column(nullable = false)
    public int position;

    @Column(name = "annotation_id")
    public String annotationId;

    public String key;

    public String type;

    public String title;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode labels;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "possible_values")
    public JsonNode possibleValues;

    @Column(name = "not_applicable")
    public Boolean notApplicable;

    @Column(name = "cannot_assess")
    public Boolean cannotAssess;

    public String justification;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode metadata;

    /** The value as Scale sent it, JSON text; null when Scale sent none. */
    @Column(name = "value_json")
    public String valueJson;

    @Column(name = "value_number")
    public BigDecimal valueNumber;

    @Column(name = "value_bool")
    public Boolean valueBool;

    @Column(name = "value_text")
    public String valueText;

    @Column(name = "task_id", nullable = false)
    public String taskId;

    @Column(name = "project_id")
    public String projectId;

    @Column(name = "project_name")
    public String projectName;

    @Column(name = "batch_id")
    public String batchId;

    @Column(name = "batch_name")
    public String batchName;

    @Column(name = "completed_at")
    public Instant completedAt;

    @Column(name = "thread_id")
    public String threadId;

    @Column(name = "turn_id")
    public String turnId;

    @Column(name = "message_index")
    public Integer messageIndex;

    public String role;

    @Column(name = "source_id")
    public String sourceId;

    public String model;

    /** {@link io.annotationstore.infra.OriginalText} of the text columns; null when they hold the text as sent. */
    @Column(name = "original_text")
    public String originalText;
}
