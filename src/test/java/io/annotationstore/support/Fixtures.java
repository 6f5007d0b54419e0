package io.annotationstore.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Recorded Scale documents from src/test/resources/scale. */
public final class Fixtures {

    public static final String PAIRWISE = "task-completed-pairwise.json";
    public static final String ALL_TYPES = "task-completed-all-types.json";
    public static final String CALLBACK = "callback-body.json";
    public static final String LIST_PAGE = "tasks-list-page.json";
    public static final String PAIRWISE_ID = "task_123";
    public static final String ALL_TYPES_ID = "65f1c0de4b2a9e0012ab34cd";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Fixtures() {}

    public static String text(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/scale/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(String name) {
        return parse(text(name));
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A minimal callback body for a task id, as Scale's v1 envelope carries it. */
    public static String callbackFor(String taskId) {
        return "{\"task_id\":\"" + taskId + "\",\"status\":\"completed\",\"task\":{\"task_id\":\"" + taskId + "\"}}";
    }
}
