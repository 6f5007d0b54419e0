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

/** A message of a turn. Scale gives messages no id: {@code position} in the turn identifies it. */
@Entity
@Table(name = "message")
public class Message {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "message_seq")
    @SequenceGenerator(name = "message_seq", sequenceName = "message_seq", allocationSize = 50)
    public Long id;

    @Column(name = "turn_pk", nullable = false)
    public Long turnPk;

    @Column(name = "task_pk", nullable = false)
    public Long taskPk;

    @Column(nullable = false)
    public int position;

    public String role;

    @Column(name = "source_id")
    public String sourceId;

    @Column(name = "content_text")
    public String contentText;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode content;

    public String model;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "model_parameters")
    public JsonNode modelParameters;

    /** {@link io.annotationstore.infra.OriginalText} of the text columns; null when they hold the text as sent. */
    @Column(name = "original_text")
    public String originalText;
}
