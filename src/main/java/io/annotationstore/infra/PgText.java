package io.annotationstore.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * PostgreSQL text and jsonb cannot hold U+0000. Searchable copies replace it with U+FFFD; the
 * original document (stored as escaped JSON text) keeps every character as Scale sent it.
 */
public final class PgText {

    private static final char NUL = '\0';
    private static final char REPLACEMENT = '\uFFFD';

    private PgText() {}

    public static String clean(String text) {
        return text == null || text.indexOf(NUL) < 0 ? text : text.replace(NUL, REPLACEMENT);
    }

    public static JsonNode clean(JsonNode node) {
        return node == null || !containsNul(node) ? node : copyClean(node);
    }

    private static boolean containsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf(NUL) >= 0;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().indexOf(NUL) >= 0 || containsNul(field.getValue())) {
                    return true;
                }
            }
            return false;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (containsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode copyClean(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(clean(node.textValue()));
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(f -> copy.set(clean(f.getKey()), copyClean(f.getValue())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> copy.add(copyClean(element)));
            return copy;
        }
        return node;
    }
}
