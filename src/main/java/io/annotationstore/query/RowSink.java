package io.annotationstore.query;

import java.io.IOException;

/** Writes rows of an export to the response as they come. */
interface RowSink<T> {

    void write(T row) throws IOException;

    /** Writes out what is buffered; the response stream itself is closed by the framework. */
    void finish() throws IOException;
}
