package io.annotationstore.query;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Annotation rows as CSV: a header, then one record per row with the fields of
 * {@link AnnotationRow} in its order; {@code value} is the JSON text Scale sent.
 */
final class AnnotationCsv implements RowSink<AnnotationRow> {

    private final CsvWriter csv;

    /** Writes the header at once. */
    AnnotationCsv(OutputStream out) throws IOException {
        this.csv = new CsvWriter(out);
        for (AnnotationColumns.Column column : AnnotationColumns.ALL) {
            csv.field(column.name());
        }
        csv.endRecord();
    }

    @Override
    public void write(AnnotationRow row) throws IOException {
        for (AnnotationColumns.Column column : AnnotationColumns.ALL) {
            csv.field(column.value().apply(row));
        }
        csv.endRecord();
    }

    @Override
    public void finish() throws IOException {
        csv.flush();
    }
}
