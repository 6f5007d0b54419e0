package io.annotationstore.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A v2 task read leniently from Scale's JSON: only {@code task_id} and {@code status} are
 * required; everything else may be absent or null. JSON-valued fields keep Scale's own shape.
 */
public record ScaleTask(
        String taskId,
        EntityRef project,
        EntityRef batch,
        String status,
        Instant createdAt,
        Instant completedAt,
        JsonNode metadata,
        JsonNode errors,
        JsonNode sensitiveContentReports,
        List<Thread> threads,
        List<ScaleAnnotation> annotations) {

    public static final String COMPLETED = "completed";

    /** A project or batch: Scale sends an id string, or an object with id and name when expanded. */
    public record EntityRef(String id, String name) {}

    public record Thread(String id, JsonNode submissions, List<Turn> turns, List<ScaleAnnotation> annotations) {}

    public record Turn(String id, JsonNode rubrics, List<Message> messages, List<ScaleAnnotation> annotations) {}

    public record Message(
            String role,
            String sourceId,
            String text,
            JsonNode content,
            String model,
            JsonNode modelParameters,
            List<ScaleAnnotation> annotations) {}

    public boolean isCompleted() {
        return COMPLETED.equals(status);
    }
}
