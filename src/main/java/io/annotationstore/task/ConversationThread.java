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

/** One conversation of a task (Scale's "thread"; named so it never shadows java.lang.Thread). */
@Entity
@Table(name = "thread")
public class ConversationThread {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "thread_seq")
    @SequenceGenerator(name = "thread_seq", sequenceName = "thread_seq", allocationSize = 50)
    public Long id;

    @Column(name = "task_pk", nullable = false)
    public Long taskPk;

    @Column(name = "thread_id")
    public String threadId;

    @Column(nullable = false)
    public int position;

    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode submissions;

    /** {@link io.annotationstore.infra.OriginalText} of the text columns; null when they hold the text as sent. */
    @Column(name = "original_text")
    public String originalText;
}
