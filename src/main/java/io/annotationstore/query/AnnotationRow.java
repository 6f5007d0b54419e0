package io.annotationstore.query;

import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;

/**
 * One annotation, flat. {@code message_id} is the message's position in its turn (Scale gives
 * messages no id); {@code value} is the JSON Scale sent, unchanged.
 */
public record AnnotationRow(
        String annotationId,
        String taskId,
        String project,
        String projectName,
        String batch,
        String batchName,
        String threadId,
        String turnId,
        Integer messageId,
        String level,
        String path,
        String role,
        String sourceId,
        String model,
        String key,
        String type,
        String title,
        @JsonRawValue String value,
        Boolean notApplicable,
        Boolean cannotAssess,
        String justification,
        Instant completedAt) {}
