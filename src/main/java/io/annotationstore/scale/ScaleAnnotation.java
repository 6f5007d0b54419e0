package io.annotationstore.scale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One annotation as Scale sent it. With {@code opts=annotation_details} it has id, type and the
 * descriptive fields; without, only {@code key} and {@code value}. {@code path} says where it sits
 * below its owner ({@code chunks[0]}, {@code rubric_evaluations[0]}), null when directly on it.
 */
public record ScaleAnnotation(
        String level,
        String path,
        String id,
        String key,
        String type,
        String title,
        String description,
        JsonNode labels,
        JsonNode possibleValues,
        Boolean notApplicable,
        Boolean cannotAssess,
        String justification,
        JsonNode metadata,
        JsonNode value) {

    public static final String TASK = "task";
    public static final String THREAD = "thread";
    public static final String TURN = "turn";
    public static final String MESSAGE = "message";
    public static final String CHUNK = "chunk";
}
