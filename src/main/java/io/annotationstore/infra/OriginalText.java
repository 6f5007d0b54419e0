package io.annotationstore.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The text Scale sent for those columns of a row whose stored copy differs from it: {@link PgText}
 * writes U+FFFD where PostgreSQL cannot hold a character and cuts indexed copies. A row keeps it
 * in its {@code original_text} column as JSON text (column name to text), null when every column
 * holds the text as sent, as nearly every row does. Filters and indexes use the copies; answers
 * take the text from here, so they give it exactly as Scale sent it.
 */
public final class OriginalText {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ObjectNode texts;

    private OriginalText(ObjectNode texts) {
        this.texts = texts;
    }

    /** None yet. */
    public OriginalText() {
        this(null);
    }

    /**
     * The originals in a row's {@code original_text}.
     *
     * @param json that column's text, or null
     */
    public static OriginalText read(String json) {
        if (json == null) {
            return new OriginalText();
        }
        try {
            return of(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("original_text is not the JSON object it was written as", e);
        }
    }

    /** The originals in {@code original_text} read as part of a larger JSON text; null is none. */
    public static OriginalText of(JsonNode node) {
        return new OriginalText(node instanceof ObjectNode object ? object : null);
    }

    /** {@link PgText#clean(String)} of {@code sent}, remembering {@code sent} when that differs. */
    public String clean(String column, String sent) {
        return keep(column, sent, PgText.clean(sent));
    }

    /** {@link PgText#indexed(String)} of {@code sent}, remembering {@code sent} when that differs. */
    public String indexed(String column, String sent) {
        return keep(column, sent, PgText.indexed(sent));
    }

    /** Takes {@code from}'s original of {@code column}, for a column copied from another row. */
    public void copy(String column, OriginalText from) {
        JsonNode text = from.texts == null ? null : from.texts.get(column);
        if (text != null) {
            put(column, text.textValue());
        } else if (texts != null) {
            texts.remove(column);
        }
    }

    /** The text Scale sent for {@code column}, whose stored copy is {@code stored}. */
    public String get(String column, String stored) {
        JsonNode text = texts == null ? null : texts.get(column);
        return text == null ? stored : text.textValue();
    }

    /** The value for {@code original_text}: null when no column differs. */
    public String json() {
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        try {
            // Jackson escapes U+0000; unpaired surrogates need escaping to be storable
            return PgText.escapeUnpairedSurrogates(MAPPER.writeValueAsString(texts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write original text", e);
        }
    }

    private String keep(String column, String sent, String stored) {
        // PgText returns its argument itself when it changes nothing
        if (sent == stored) {
            if (texts != null) {
                texts.remove(column);
            }
        } else {
            put(column, sent);
        }
        return stored;
    }

    private void put(String column, String text) {
        if (texts == null) {
            texts = MAPPER.createObjectNode();
        }
        texts.put(column, text);
    }
}
