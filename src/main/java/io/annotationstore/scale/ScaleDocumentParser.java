package io.annotationstore.scale;

import com.fasterxml.jackson.databind.JsonNode;
import io.annotationstore.infra.PgRange;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a v2 task document into {@link ScaleTask}. Strict about what identifies a task (a valid
 * {@code task_id} and a {@code status}), lenient about everything else: unknown fields are
 * ignored here (the original document is stored whole), wrong-typed optional fields and
 * timestamps outside the years 0001-9999 read as absent, and annotation values are kept as
 * whatever JSON Scale sent.
 */
public final class ScaleDocumentParser {

    private ScaleDocumentParser() {}

    /**
     * @throws InvalidTaskDocumentException when the document has no valid task id or status
     */
    public static ScaleTask parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidTaskDocumentException("a task document must be a JSON object");
        }
        String taskId = text(root, "task_id");
        if (taskId == null) {
            throw new InvalidTaskDocumentException("task_id is missing or not a string");
        }
        if (!TaskIds.isValid(taskId)) {
            throw new InvalidTaskDocumentException("task_id is not a valid Scale task id");
        }
        String status = text(root, "status");
        if (status == null || status.isBlank()) {
            throw new InvalidTaskDocumentException("status is missing or not a string");
        }
        return new ScaleTask(
                taskId,
                ref(root.get("project")),
                ref(root.get("batch")),
                status,
                instant(root.get("created_at")),
                instant(root.get("completed_at")),
                present(root.get("metadata")),
                present(root.get("errors")),
                present(root.get("sensitive_content_reports")),
                threads(root.get("threads")),
                annotations(root.get("annotations"), ScaleAnnotation.TASK, null));
    }

    private static List<ScaleTask.Thread> threads(JsonNode array) {
        List<ScaleTask.Thread> threads = new ArrayList<>();
        for (JsonNode thread : objects(array)) {
            threads.add(new ScaleTask.Thread(
                    id(thread.get("id")),
                    present(thread.get("submissions")),
                    turns(thread.get("turns")),
                    annotations(thread.get("annotations"), ScaleAnnotation.THREAD, null)));
        }
        return threads;
    }

    private static List<ScaleTask.Turn> turns(JsonNode array) {
        List<ScaleTask.Turn> turns = new ArrayList<>();
        for (JsonNode turn : objects(array)) {
            List<ScaleAnnotation> annotations =
                    new ArrayList<>(annotations(turn.get("annotations"), ScaleAnnotation.TURN, null));
            JsonNode rubrics = turn.get("rubrics");
            int r = 0;
            for (JsonNode rubric : objects(rubrics)) {
                int c = 0;
                for (JsonNode criterion : objects(rubric.get("criteria_definitions"))) {
                    annotations.addAll(annotations(
                            criterion.get("annotations"),
                            ScaleAnnotation.TURN,
                            "rubrics[" + r + "].criteria_definitions[" + c++ + "]"));
                }
                r++;
            }
            turns.add(new ScaleTask.Turn(
                    id(turn.get("id")), present(rubrics), messages(turn.get("messages")), annotations));
        }
        return turns;
    }

    private static List<ScaleTask.Message> messages(JsonNode array) {
        List<ScaleTask.Message> messages = new ArrayList<>();
        for (JsonNode message : objects(array)) {
            JsonNode content = present(message.get("content"));
            JsonNode parameters = present(message.get("model_parameters"));
            List<ScaleAnnotation> annotations =
                    new ArrayList<>(annotations(message.get("annotations"), ScaleAnnotation.MESSAGE, null));
            if (content != null) {
                int i = 0;
                for (JsonNode chunk : objects(content.get("chunks"))) {
                    annotations.addAll(
                            annotations(chunk.get("annotations"), ScaleAnnotation.CHUNK, "chunks[" + i++ + "]"));
                }
            }
            annotations.addAll(rubricEvaluationAnnotations(message.get("rubric_evaluations")));
            messages.add(new ScaleTask.Message(
                    text(message, "role"),
                    text(message, "source_id"),
                    content == null ? null : content.isTextual() ? content.asText() : text(content, "text"),
                    content,
                    parameters == null ? null : text(parameters, "model"),
                    parameters,
                    annotations));
        }
        return messages;
    }

    private static List<ScaleAnnotation> rubricEvaluationAnnotations(JsonNode evaluations) {
        List<ScaleAnnotation> annotations = new ArrayList<>();
        int e = 0;
        for (JsonNode evaluation : objects(evaluations)) {
            String path = "rubric_evaluations[" + e++ + "]";
            annotations.addAll(annotations(evaluation.get("annotations"), ScaleAnnotation.MESSAGE, path));
            int c = 0;
            for (JsonNode criterion : objects(evaluation.get("criteria_evaluations"))) {
                annotations.addAll(annotations(
                        criterion.get("annotations"),
                        ScaleAnnotation.MESSAGE,
                        path + ".criteria_evaluations[" + c++ + "]"));
            }
        }
        return annotations;
    }

    private static List<ScaleAnnotation> annotations(JsonNode array, String level, String path) {
        List<ScaleAnnotation> annotations = new ArrayList<>();
        for (JsonNode a : objects(array)) {
            annotations.add(new ScaleAnnotation(
                    level,
                    path,
                    id(a.get("id")),
                    text(a, "key"),
                    text(a, "type"),
                    text(a, "title"),
                    text(a, "description"),
                    present(a.get("labels")),
                    present(a.get("possible_values")),
                    bool(a.get("not_applicable")),
                    bool(a.get("cannot_assess")),
                    text(a, "justification"),
                    present(a.get("metadata")),
                    a.get("value")));
        }
        return annotations;
    }

    private static List<JsonNode> objects(JsonNode array) {
        List<JsonNode> objects = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(element -> {
                if (element.isObject()) {
                    objects.add(element);
                }
            });
        }
        return objects;
    }

    private static ScaleTask.EntityRef ref(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return new ScaleTask.EntityRef(node.asText(), null);
        }
        if (node.isObject()) {
            String id = id(node.get("id"));
            String name = text(node, "name");
            return id == null && name == null ? null : new ScaleTask.EntityRef(id, name);
        }
        return null;
    }

    private static JsonNode present(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static String text(JsonNode object, String field) {
        JsonNode node = object.get(field);
        return node != null && node.isTextual() ? node.asText() : null;
    }

    /** Ids are strings in Scale's schema; a number is read as its decimal text. */
    private static String id(JsonNode node) {
        if (node == null) {
            return null;
        }
        return node.isTextual() || node.isIntegralNumber() ? node.asText() : null;
    }

    private static Boolean bool(JsonNode node) {
        return node != null && node.isBoolean() ? node.booleanValue() : null;
    }

    private static Instant instant(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(node.asText()).toInstant();
            return PgRange.holds(instant) ? instant : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
