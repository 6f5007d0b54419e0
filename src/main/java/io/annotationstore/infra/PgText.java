package io.annotationstore.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * PostgreSQL text and jsonb cannot hold U+0000, nor an unpaired UTF-16 surrogate (JSON allows
 * an escaped one; UTF-8 cannot encode it, and the JDBC driver would send {@code ?}). Searchable
 * copies replace both with U+FFFD; JSON text keeps them as escapes, so the original
 * document and each annotation value read back exactly as Scale sent them.
 */
public final class PgText {

    /**
     * Characters kept in an indexed column. A btree entry holds at most ~2.7 kB, so 512 characters
     * (2 kB of UTF-8 at worst) always fit; filters accept no longer values either.
     */
    public static final int MAX_INDEXED = 512;

    private static final char NUL = '\0';
    private static final char REPLACEMENT = '\uFFFD';

    private PgText() {}

    /** The text with U+0000 and unpaired surrogates replaced by U+FFFD; {@code text} itself if it has none. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder cleaned = null;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == NUL || isUnpairedSurrogate(text, i)) {
                if (cleaned == null) {
                    cleaned = new StringBuilder(text);
                }
                cleaned.setCharAt(i, REPLACEMENT);
            }
        }
        return cleaned == null ? text : cleaned.toString();
    }

    /**
     * The text for an indexed column (ids, names, keys, sources, models): {@link #clean(String)
     * cleaned} and cut to {@link #MAX_INDEXED} characters. Longer values are never real Scale
     * data, but must not fail the whole document; the document keeps them whole. Returns {@code
     * text} itself when it changes nothing.
     */
    public static String indexed(String text) {
        return clean(text == null || text.length() <= MAX_INDEXED ? text : text.substring(0, MAX_INDEXED));
    }

    /**
     * A tree for a jsonb column: strings and keys {@link #clean(String) cleaned}, and numbers
     * outside {@link PgRange} (which jsonb may refuse, or blow up to 100 000 digits) as their text.
     */
    public static JsonNode clean(JsonNode node) {
        return node == null || isClean(node) ? node : copyClean(node);
    }

    /**
     * JSON text with each unpaired surrogate written as a JSON escape: JSON-equal to
     * the input, and storable. Surrogates occur only inside JSON strings, where escapes are valid.
     */
    public static String escapeUnpairedSurrogates(String json) {
        StringBuilder escaped = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (isUnpairedSurrogate(json, i)) {
                if (escaped == null) {
                    escaped = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                escaped.append(String.format("\\u%04x", (int) c));
            } else if (escaped != null) {
                escaped.append(c);
            }
        }
        return escaped == null ? json : escaped.toString();
    }

    private static boolean isUnpairedSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }

    private static boolean isClean(JsonNode node) {
        if (node.isTextual()) {
            return isClean(node.textValue());
        }
        if (node.isNumber()) {
            return fitsNumeric(node);
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (!isClean(field.getKey()) || !isClean(field.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (!isClean(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isClean(String text) {
        return clean(text) == text;
    }

    private static boolean fitsNumeric(JsonNode number) {
        return PgRange.holds(number.decimalValue());
    }

    private static JsonNode copyClean(JsonNode node) {
        if (node.isTextual()) {
            return TextNode.valueOf(clean(node.textValue()));
        }
        if (node.isNumber()) {
            return fitsNumeric(node) ? node : TextNode.valueOf(node.asText());
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
