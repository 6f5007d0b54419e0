package io.annotationstore.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads a request body up to a limit; past it answers 413 without reading further. */
public final class BoundedBody {

    private BoundedBody() {}

    /** @throws ProblemException 413 when the body (or its declared length) exceeds {@code limit} */
    public static byte[] read(InputStream in, Long declaredLength, long limit) {
        if (declaredLength != null && declaredLength > limit) {
            throw tooLarge(limit);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try (in) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the request body could not be read", e);
        }
        return out.toByteArray();
    }

    /** An input stream that fails with 413 once more than {@code limit} bytes were read from it. */
    public static InputStream limited(InputStream in, Long declaredLength, long limit) {
        if (declaredLength != null && declaredLength > limit) {
            throw tooLarge(limit);
        }
        return new InputStream() {
            private long total;

            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    count(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = in.read(buffer, offset, length);
                if (n > 0) {
                    count(n);
                }
                return n;
            }

            private void count(int n) {
                total += n;
                if (total > limit) {
                    throw tooLarge(limit);
                }
            }

            @Override
            public void close() throws IOException {
                in.close();
            }
        };
    }

    private static ProblemException tooLarge(long limit) {
        return ProblemException.tooLarge("the body exceeds the limit of " + limit + " bytes");
    }
}
