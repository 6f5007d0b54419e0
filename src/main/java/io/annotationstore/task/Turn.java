package io.annotationstore.task;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One user message and the model responses to it. */
@Entity
@Table(name = "turn")
public class Turn {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "turn_seq")
    @SequenceGenerator(name = "turn_seq", sequenceName = "turn_seq", allocationSize = 50)
    public Long id;

    @Column(name = "thread_pk", nullable = false)
    public Long threadPk;

    @Column(name = "task_pk", nullable = false)
    public Long taskPk;

    @Column(name = "turn_id")
    public String turnId;

    @Column(nullable = false)
    public int position;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode rubrics;

    /** {@link io.annotationstore.infra.OriginalText} of the text columns; null when they hold the text as sent. */
    @Column(name = "original_text")
    public String originalText;
}
