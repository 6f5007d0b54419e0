package io.annotationstore.query;

import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annotationstore.support.Api;
import io.restassured.http.ContentType;
import java.util.List;

/** Hand-built Scale v2 task documents for the analytics tests, and their import. */
final class ScaleTasks {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ScaleTasks() {}

    /** Stores the tasks through the import endpoint, as an admin would. */
    static void load(List<ObjectNode> tasks) {
        ArrayNode body = MAPPER.createArrayNode().addAll(tasks);
        Api.admin()
                .contentType(ContentType.JSON)
                .body(body.toString())
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(200)
                .body("stored", equalTo(tasks.size()));
    }

    /** A completed task; {@code project} is an id, or {"id", "name"} when given as "id|name". */
    static ObjectNode task(String id, String project, String batch, String completedAt, ObjectNode... threads) {
        ObjectNode task = MAPPER.createObjectNode()
                .put("task_id", id)
                .put("status", "completed")
                .put("created_at", "2025-01-01T00:00:00Z")
                .put("completed_at", completedAt);
        String[] projectParts = project.split("\\|");
        if (projectParts.length == 2) {
            task.putObject("project").put("id", projectParts[0]).put("name", projectParts[1]);
        } else {
            task.put("project", project);
        }
        task.put("batch", batch);
        task.putArray("threads").addAll(List.of(threads));
        return task;
    }

    static ObjectNode thread(String id, ObjectNode... turns) {
        ObjectNode thread = MAPPER.createObjectNode().put("id", id);
        thread.putArray("turns").addAll(List.of(turns));
        return thread;
    }

    static ObjectNode turn(String id, List<ObjectNode> messages, ObjectNode... annotations) {
        ObjectNode turn = MAPPER.createObjectNode().put("id", id);
        turn.putArray("messages").addAll(messages);
        turn.putArray("annotations").addAll(List.of(annotations));
        return turn;
    }

    static ObjectNode message(String role, String text) {
        ObjectNode message = MAPPER.createObjectNode().put("role", role).put("source_id", "user");
        message.putObject("content").put("text", text);
        return message;
    }

    static ObjectNode assistant(String source, String model, String text, ObjectNode... annotations) {
        ObjectNode message = MAPPER.createObjectNode().put("role", "assistant").put("source_id", source);
        message.putObject("content").put("text", text);
        message.putObject("model_parameters").put("model", model);
        message.putArray("annotations").addAll(List.of(annotations));
        return message;
    }

    /** An annotation as Scale's pairwise example sends them: key and value only. */
    static ObjectNode annotation(String key, Object value) {
        ObjectNode annotation = MAPPER.createObjectNode().put("key", key);
        annotation.set("value", MAPPER.valueToTree(value));
        return annotation;
    }

    static ObjectNode typed(String key, String type, Object value) {
        return annotation(key, value).put("type", type);
    }

    static ObjectNode flagged(String key, String flag) {
        return MAPPER.createObjectNode().put("key", key).put("type", "integer").put(flag, true);
    }

    static ObjectNode withPossibleValues(ObjectNode annotation, int... values) {
        ArrayNode possible = annotation.putArray("possible_values");
        for (int value : values) {
            possible.add(value);
        }
        return annotation;
    }
}
