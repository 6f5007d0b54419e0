package io.annotationstore.query;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * RFC 4180 CSV in UTF-8: CRLF after each record; a field holding a comma, double quote, CR or
 * LF is enclosed in double quotes, with its quotes doubled. A null field is empty.
 */
final class CsvWriter {

    private static final int BUFFER_BYTES = 1 << 16;

    // a record is assembled as text and encoded once: per-field writes to an encoding Writer
    // cost more than the rest of an export together
    private final StringBuilder record = new StringBuilder(1024);
    private final OutputStream out;
    private boolean firstField = true;

    CsvWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, BUFFER_BYTES);
    }

    CsvWriter field(Object value) {
        if (!firstField) {
            record.append(',');
        }
        firstField = false;
        if (value != null) {
            append(value.toString());
        }
        return this;
    }

    void endRecord() throws IOException {
        record.append("\r\n");
        out.write(record.toString().getBytes(StandardCharsets.UTF_8));
        record.setLength(0);
        firstField = true;
    }

    void flush() throws IOException {
        out.flush();
    }

    private void append(String text) {
        if (!needsQuotes(text)) {
            record.append(text);
            return;
        }
        record.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                record.append('"');
            }
            record.append(c);
        }
        record.append('"');
    }

    private static boolean needsQuotes(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }
}
