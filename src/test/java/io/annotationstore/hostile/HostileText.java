package io.annotationstore.hostile;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** Strings that break naive code: injections, every range of Unicode, and sizes. */
final class HostileText {

    /** SQL and JPQL injections: quotes, comments, stacked statements, unions, placeholders. */
    static final List<String> SQL_INJECTIONS = List.of(
            "' OR '1'='1",
            "'; DROP TABLE task; --",
            "\" OR \"\"=\"",
            "1; DELETE FROM annotation",
            "') OR 1=1 --",
            "1' UNION SELECT task_id, document FROM task --",
            "x' AND (SELECT pg_sleep(5)) IS NULL --",
            "%' OR 1=1 --",
            "%",
            "_",
            "\\",
            "?1",
            ":after",
            "$1",
            "a.id > 0 or 1=1");

    /** Path, template and header injections, and values that parse badly. */
    static final List<String> OTHER_INJECTIONS = List.of(
            "{\"$gt\": \"\"}",
            "../../etc/passwd",
            "${jndi:ldap://127.0.0.1/a}",
            "<script>alert(1)</script>",
            "\r\nX-Injected: 1",
            "\u0000",
            "null",
            "-1",
            "0",
            "9223372036854775808",
            "1e309",
            "NaN",
            "Infinity",
            "2025-13-45T25:61:61Z",
            "+999999999-12-31T23:59:59Z");

    static final List<String> INJECTIONS =
            Stream.concat(SQL_INJECTIONS.stream(), OTHER_INJECTIONS.stream()).toList();

    /** Ranges to draw code points from: controls, RTL, invisible, lone surrogates, emoji, the astral planes. */
    private static final int[][] RANGES = {
        {0x00, 0x1F}, // C0 controls, U+0000 included
        {0x20, 0x7E},
        {0x7F, 0x9F}, // DEL and C1 controls
        {0xA0, 0x2FF},
        {0x590, 0x6FF}, // Hebrew, Arabic
        {0x200B, 0x200F}, // zero-width and direction marks
        {0x202A, 0x202E}, // bidi embeddings and overrides
        {0x2066, 0x2069}, // bidi isolates
        {0x4E00, 0x9FFF},
        {0xD800, 0xDBFF}, // high surrogates, alone
        {0xDC00, 0xDFFF}, // low surrogates, alone
        {0xE000, 0xF8FF}, // private use
        {0xFDD0, 0xFDEF}, // noncharacters
        {0xFEFF, 0xFEFF}, // byte order mark
        {0xFFF9, 0xFFFF}, // specials, U+FFFE and U+FFFF
        {0x1F300, 0x1FAFF}, // emoji
        {0x10000, 0x10FFFF}
    };

    private HostileText() {}

    /** A string of up to {@code maxLength} UTF-16 units drawn from every range above. */
    static String unicode(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length + 1);
        while (text.length() < length) {
            int[] range = RANGES[random.nextInt(RANGES.length)];
            int codePoint = range[0] + random.nextInt(range[1] - range[0] + 1);
            if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
                text.append((char) codePoint);
            } else {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }

    /** Mostly short Unicode, sometimes an injection, sometimes long. */
    static String any(Random random) {
        int kind = random.nextInt(10);
        if (kind < 3) {
            return INJECTIONS.get(random.nextInt(INJECTIONS.size()));
        }
        return unicode(random, kind == 9 ? 2_000 : 24);
    }
}
