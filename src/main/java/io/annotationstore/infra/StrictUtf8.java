package io.annotationstore.infra;

import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * JSON request bodies as text, decoded strictly as UTF-8 (RFC 8259) with a leading byte order
 * mark dropped. Parsing the text rather than the bytes matters: Jackson's byte parser reads some
 * invalid UTF-8 as characters (the overlong {@code C0 80} as U+0000) and refuses an object key
 * that is an escaped unpaired surrogate, valid JSON its text parser accepts.
 */
public final class StrictUtf8 {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private StrictUtf8() {}

    /** @throws ProblemException 400 when {@code bytes} are not UTF-8 */
    public static String decode(byte[] bytes) {
        int start =
                bytes.length >= BOM.length && Arrays.equals(bytes, 0, BOM.length, BOM, 0, BOM.length) ? BOM.length : 0;
        try {
            return decoder()
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid();
        }
    }

    /** A reader of {@code in} whose reads fail with a 400 {@link ProblemException} at the first byte that is not UTF-8. */
    public static Reader reader(InputStream in) {
        PushbackInputStream bytes = new PushbackInputStream(in, BOM.length);
        try {
            byte[] head = bytes.readNBytes(BOM.length);
            if (!Arrays.equals(head, BOM)) {
                bytes.unread(head);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the request body could not be read", e);
        }
        return new FilterReader(new InputStreamReader(bytes, decoder())) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (CharacterCodingException e) {
                    throw invalid();
                }
            }

            @Override
            public int read(char[] buffer, int offset, int length) throws IOException {
                try {
                    return super.read(buffer, offset, length);
                } catch (CharacterCodingException e) {
                    throw invalid();
                }
            }
        };
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("the body is not valid UTF-8", null);
    }
}
