package io.annotationstore.query;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * A response stream that fails once the client has gone. The server's stream drops writes to a
 * closed connection without an error, so an abandoned export would otherwise read every row to
 * the end while holding a database connection.
 */
final class ClientOutputStream extends FilterOutputStream {

    private final BooleanSupplier clientGone;

    ClientOutputStream(OutputStream out, BooleanSupplier clientGone) {
        super(out);
        this.clientGone = clientGone;
    }

    @Override
    public void write(int b) throws IOException {
        requireClient();
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        requireClient();
        out.write(b, off, len);
    }

    private void requireClient() throws IOException {
        if (clientGone.getAsBoolean()) {
            throw new IOException("the client closed the connection");
        }
    }
}
