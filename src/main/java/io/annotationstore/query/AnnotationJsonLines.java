package io.annotationstore.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * Annotation rows as JSON Lines, written field by field: the same JSON as the list endpoint's
 * items (ExportTest holds them equal), at about twice the speed of binding each row.
 */
final class AnnotationJsonLines implements RowSink<AnnotationRow> {

    private static final List<SerializedString> NAMES = AnnotationColumns.ALL.stream()
            .map(c -> new SerializedString(c.name()))
            .toList();

    private final JsonGenerator json;

    AnnotationJsonLines(OutputStream out, JsonFactory factory) throws IOException {
        this.json = factory.createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.setRootValueSeparator(null);
    }

    @Override
    public void write(AnnotationRow row) throws IOException {
        json.writeStartObject();
        for (int c = 0; c < NAMES.size(); c++) {
            AnnotationColumns.Column column = AnnotationColumns.ALL.get(c);
            json.writeFieldName(NAMES.get(c));
            writeValue(column.value().apply(row), column.json());
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeValue(Object value, boolean raw) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (raw) {
            json.writeRawValue((String) value);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Instant instant) {
            json.writeString(instant.toString());
        } else {
            json.writeString((String) value);
        }
    }

    @Override
    public void finish() throws IOException {
        json.flush();
    }
}
