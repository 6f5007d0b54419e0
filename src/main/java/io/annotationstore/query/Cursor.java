package io.annotationstore.query;

import io.annotationstore.infra.ProblemException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque keyset cursor: the last row's id, versioned, with a check digest, base64url-encoded. A
 * cursor we did not issue (edited, truncated, made up) is a 400, never a 500 or a silent jump.
 * The digest guards against mistakes, not attackers: a forged cursor only moves within the
 * caller's own filtered results.
 */
public final class Cursor {

    private static final String VERSION = "v1";

    private Cursor() {}

    /** @param scope the list the cursor belongs to: a cursor of one list is refused by another */
    public static String encode(String scope, long lastId) {
        String payload = VERSION + ":" + scope + ":" + lastId;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((payload + ":" + check(payload)).getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the id to continue after; 0 when there is no cursor */
    public static long decode(String scope, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String[] parts =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", -1);
            if (parts.length == 4
                    && parts[0].equals(VERSION)
                    && parts[1].equals(scope)
                    && parts[3].equals(check(parts[0] + ":" + parts[1] + ":" + parts[2]))
                    && encode(scope, Long.parseLong(parts[2])).equals(cursor)) {
                long id = Long.parseLong(parts[2]);
                if (id > 0) {
                    return id;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // falls through to the 400 below
        }
        throw ProblemException.badField("cursor", "not a cursor this API issued");
    }

    private static String check(String payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
