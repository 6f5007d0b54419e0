package io.annotationstore.infra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;

/** Comparison of presented secrets against configured ones without timing leaks. */
public final class Secrets {

    private Secrets() {}

    /**
     * True when {@code presented} equals one of {@code accepted}. Both sides are hashed first so
     * the comparison takes the same time whatever the lengths, and every candidate is compared.
     */
    public static boolean matchesAny(String presented, Collection<String> accepted) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] given = sha256(presented);
        boolean match = false;
        for (String candidate : accepted) {
            if (candidate != null && !candidate.isEmpty()) {
                match |= MessageDigest.isEqual(given, sha256(candidate));
            }
        }
        return match;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
