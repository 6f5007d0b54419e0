package io.annotationstore.scale;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a {@code GET /v2/tasks} answer: {@code {"tasks": [...], "next_token": "..."}}. */
public final class ScaleTaskPages {

    private ScaleTaskPages() {}

    /** @throws InvalidTaskDocumentException when the answer has no {@code tasks} array */
    public static ScaleTaskPage parse(JsonNode root) {
        JsonNode tasks = root == null ? null : root.get("tasks");
        if (tasks == null || !tasks.isArray()) {
            throw new InvalidTaskDocumentException("a task list page must have a tasks array");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode task : tasks) {
            String id = task.path("task_id").asText(null);
            if (TaskIds.isValid(id)) {
                ids.add(id);
            }
        }
        JsonNode token = root.get("next_token");
        String next = token != null && token.isTextual() && !token.asText().isEmpty() ? token.asText() : null;
        return new ScaleTaskPage(ids, next);
    }
}
