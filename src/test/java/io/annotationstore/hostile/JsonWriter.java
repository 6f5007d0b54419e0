package io.annotationstore.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.util.Map;
import java.util.Random;

/**
 * Writes a JSON tree the way an unusual client might: characters randomly escaped or raw, lone
 * surrogates as {@code \\u} escapes (the only way JSON can carry them), numbers as given. A
 * {@link POJONode} holding a {@link String} is written raw, for text no tree can hold.
 */
final class JsonWriter {

    private final Random random;

    JsonWriter(Random random) {
        this.random = random;
    }

    String write(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(node, out);
        return out.toString();
    }

    String quote(String text) {
        StringBuilder out = new StringBuilder();
        quote(text, out);
        return out.toString();
    }

    private void write(JsonNode node, StringBuilder out) {
        if (node instanceof POJONode raw && raw.getPojo() instanceof String text) {
            out.append(text);
        } else if (node.isTextual()) {
            quote(node.textValue(), out);
        } else if (node.isObject()) {
            out.append('{');
            String separator = "";
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                out.append(separator);
                quote(field.getKey(), out);
                out.append(':');
                write(field.getValue(), out);
                separator = ",";
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            String separator = "";
            for (JsonNode element : node) {
                out.append(separator);
                write(element, out);
                separator = ",";
            }
            out.append(']');
        } else {
            out.append(node.asText());
        }
    }

    private void quote(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (pair && random.nextInt(4) > 0) {
                out.append(c).append(text.charAt(++i));
            } else if (c < 0x20 || Character.isSurrogate(c) || random.nextInt(10) == 0) {
                out.append(String.format(random.nextBoolean() ? "\\u%04x" : "\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }
}
