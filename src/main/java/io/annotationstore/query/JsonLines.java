package io.annotationstore.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;

/** JSON Lines: one JSON value per line, each line ended by {@code \n}. */
final class JsonLines<T> implements RowSink<T> {

    private final ObjectWriter writer;
    private final JsonGenerator generator;

    /** {@code writer} is the API's own writer for the row type, so lines match the JSON answers. */
    JsonLines(OutputStream out, ObjectWriter writer) throws IOException {
        // a flush per row would send a chunk per row; lines are separated by our own newline, so
        // no root value separator (null here would mean Jackson's default, a space)
        this.writer =
                writer.without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE).withRootValueSeparator("");
        this.generator = writer.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    @Override
    public void write(T row) throws IOException {
        writer.writeValue(generator, row);
        generator.writeRaw('\n');
    }

    @Override
    public void finish() throws IOException {
        generator.flush();
    }
}
