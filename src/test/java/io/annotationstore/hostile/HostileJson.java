package io.annotationstore.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generator of hostile JSON bodies: random values, and valid documents mutated with wrong
 * types, missing and extra fields, deep nesting, huge strings and numbers, every Unicode range,
 * duplicate keys, truncation and invalid UTF-8. The same seed gives the same bodies.
 */
final class HostileJson {

    /** One generated body and what was done to it (ASCII, for test names and messages). */
    record Body(String description, byte[] bytes) {

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);
    private static final List<String> NUMBERS = List.of(
            "0",
            "-0",
            "-0.0",
            "7",
            "-2147483649",
            "9223372036854775808",
            "123456789012345678901234567890",
            "3.14159265358979323846264338327950288",
            "1e400",
            "-1E-400",
            "1e999999",
            "1e-999999",
            "1e131072",
            "2.5e-16384",
            "9".repeat(999),
            "9".repeat(1001),
            "0." + "0".repeat(500) + "1");

    private final Random random;
    private final JsonWriter writer;
    private final int nestingLimit;

    HostileJson(long seed, int nestingLimit) {
        this.random = new Random(seed);
        this.writer = new JsonWriter(random);
        this.nestingLimit = nestingLimit;
    }

    Random random() {
        return random;
    }

    /** A random JSON value no deeper than {@code depth}. */
    JsonNode value(int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> raw(NUMBERS.get(random.nextInt(NUMBERS.size())));
            case 3, 4 -> NODES.textNode(HostileText.any(random));
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(HostileText.any(random), value(depth - 1));
                }
                yield object;
            }
        };
    }

    /**
     * {@code document} with one to three random mutations, written unusually and sometimes
     * damaged as bytes. About one body in six is left valid, as a control.
     */
    Body mutate(ObjectNode document) {
        ObjectNode tree = document.deepCopy();
        List<String> done = new ArrayList<>();
        int mutations = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < mutations; i++) {
            done.add(mutateTree(tree));
        }
        String text = writer.write(tree);
        if (mutations > 0 && random.nextInt(4) == 0) {
            String[] damaged = damageText(text);
            done.add(damaged[0]);
            text = damaged[1];
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (mutations > 0 && random.nextInt(8) == 0) {
            done.add("invalid UTF-8");
            bytes = invalidUtf8(bytes);
        }
        return new Body(done.isEmpty() ? "valid" : String.join(", ", done), bytes);
    }

    /** Writes a tree the way {@link #mutate} does, without mutating it. */
    String write(JsonNode tree) {
        return writer.write(tree);
    }

    private String mutateTree(ObjectNode root) {
        List<JsonNode> containers = new ArrayList<>();
        collectContainers(root, containers);
        JsonNode target = containers.get(random.nextInt(containers.size()));
        int kind = random.nextInt(9);
        return switch (kind) {
            case 0 -> replace(target, value(3), "wrong type");
            case 1 -> remove(target);
            case 2 -> addFields(target);
            case 3 -> replace(target, nested(nestingLimit - 3 + random.nextInt(60)), "deep nesting");
            case 4 -> replace(target, NODES.textNode(HostileText.unicode(random, 40_000)), "huge string");
            case 5 -> replace(target, raw(NUMBERS.get(random.nextInt(NUMBERS.size()))), "odd number");
            case 6 -> replace(target, NODES.textNode(HostileText.unicode(random, 60)), "unicode text");
            case 7 -> taskId(root);
            default -> replace(target, NODES.nullNode(), "null");
        };
    }

    private String taskId(ObjectNode root) {
        List<JsonNode> ids = List.of(
                NODES.textNode(""),
                NODES.textNode("has space"),
                NODES.textNode("x".repeat(129)),
                NODES.textNode(HostileText.INJECTIONS.get(random.nextInt(HostileText.INJECTIONS.size()))),
                NODES.numberNode(42),
                NODES.nullNode(),
                NODES.arrayNode().add("task_1"));
        root.set("task_id", ids.get(random.nextInt(ids.size())));
        return "bad task_id";
    }

    private void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode() && !node.isEmpty()) {
            into.add(node);
            node.forEach(child -> collectContainers(child, into));
        }
    }

    private String replace(JsonNode container, JsonNode replacement, String what) {
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.set(names.get(random.nextInt(names.size())), replacement);
        } else {
            ArrayNode array = (ArrayNode) container;
            array.set(random.nextInt(array.size()), replacement);
        }
        return what;
    }

    private String remove(JsonNode container) {
        if (container instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            object.remove(names.get(random.nextInt(names.size())));
        } else {
            ((ArrayNode) container).remove(random.nextInt(container.size()));
        }
        return "missing field";
    }

    private String addFields(JsonNode container) {
        if (container instanceof ObjectNode object) {
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                object.set(HostileText.any(random), value(2));
            }
        } else {
            ((ArrayNode) container).add(value(2));
        }
        return "extra fields";
    }

    /** {@code depth} levels of arrays and objects around a string. */
    JsonNode nested(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean()
                    ? NODES.arrayNode().add(node)
                    : NODES.objectNode().set("n", node);
        }
        return node;
    }

    private String[] damageText(String text) {
        int at = random.nextInt(text.length());
        return switch (random.nextInt(5)) {
            case 0 -> new String[] {"truncated", text.substring(0, at)};
            case 1 ->
                new String[] {
                    "duplicate key",
                    "{\"task_id\":\"dup_" + Long.toHexString(random.nextLong()) + "\"," + text.substring(1)
                };
            case 2 ->
                new String[] {
                    "raw control character", text.substring(0, at) + (char) random.nextInt(0x20) + text.substring(at)
                };
            case 3 -> new String[] {"trailing garbage", text + " " + HostileText.any(random)};
            default -> new String[] {"not an object", random.nextBoolean() ? "[" + text + "]" : writer.quote(text)};
        };
    }

    private byte[] invalidUtf8(byte[] bytes) {
        byte[][] invalid = {
            {(byte) 0xFF},
            {(byte) 0xC0, (byte) 0x80},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82}
        };
        int at = random.nextInt(bytes.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 4);
        out.write(bytes, 0, at);
        out.writeBytes(invalid[random.nextInt(invalid.length)]);
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }

    /** A node written verbatim by {@link JsonWriter}. */
    static JsonNode raw(String json) {
        return NODES.pojoNode(json);
    }

    /** Every {@code value} of an object in an {@code annotations} array, anywhere in the tree. */
    static List<JsonNode> annotationValues(JsonNode node) {
        List<JsonNode> values = new ArrayList<>();
        collectAnnotationValues(node, false, values);
        return values;
    }

    private static void collectAnnotationValues(JsonNode node, boolean inAnnotations, List<JsonNode> into) {
        if (node.isObject()) {
            if (inAnnotations && node.has("value")) {
                into.add(node.get("value"));
            }
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                collectAnnotationValues(field.getValue(), field.getKey().equals("annotations"), into);
            }
        } else if (node.isArray()) {
            node.forEach(element -> collectAnnotationValues(element, inAnnotations, into));
        }
    }
}
