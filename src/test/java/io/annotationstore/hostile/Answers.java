package io.annotationstore.hostile;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What every answer to hostile input must look like, as reusable checks. */
final class Answers {

    /** Text that betrays an unhandled failure: class names, stack frames, SQL errors. */
    static final List<String> LEAKS = List.of(
            "Exception",
            "com.fasterxml",
            "org.hibernate",
            "org.postgresql",
            "java.lang",
            "java.sql",
            "jakarta.",
            "io.quarkus",
            "io.vertx",
            "io.annotationstore",
            "\tat ",
            "Caused by",
            "SQLState",
            "ERROR:");

    /** Reads numbers exactly and nests as deep as anything the service accepts. */
    static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    static {
        EXACT.getFactory()
                .setStreamReadConstraints(
                        StreamReadConstraints.builder().maxNestingDepth(5_000).build());
    }

    private Answers() {}

    /**
     * Empty when the answer is one of {@code allowed} and, for a 4xx, a clean problem+json;
     * otherwise what is wrong with it.
     */
    static Optional<String> problemWith(Http.Answer answer, Set<Integer> allowed) {
        int status = answer.status();
        if (!allowed.contains(status)) {
            return Optional.of("answered " + status + ": " + excerpt(answer.body()));
        }
        if (status < 400) {
            return Optional.empty();
        }
        String contentType = answer.contentType();
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return Optional.of(status + " without problem+json but " + contentType);
        }
        JsonNode problem = parse(answer.body()).orElse(null);
        if (problem == null
                || problem.path("status").asInt() != status
                || !problem.path("title").isTextual()) {
            return Optional.of(status + " problem without status and title: " + excerpt(answer.body()));
        }
        return leak(answer.body());
    }

    /** Empty when {@code text} shows no class name, stack frame or SQL error; otherwise which. */
    static Optional<String> leak(String text) {
        return LEAKS.stream()
                .filter(text::contains)
                .findFirst()
                .map(found -> "answer shows '" + found + "': " + excerpt(text));
    }

    static Optional<JsonNode> parse(String json) {
        try {
            return Optional.of(EXACT.readTree(json));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The first characters of a body, printable in a failure message. */
    static String excerpt(String text) {
        String head = text.length() > 300 ? text.substring(0, 300) + "..." : text;
        return head.codePoints()
                .mapToObj(c -> c < 0x20 || c > 0x7E ? String.format("\\u%04x", c) : Character.toString(c))
                .reduce("", String::concat);
    }
}
