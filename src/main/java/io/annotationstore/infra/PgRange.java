package io.annotationstore.infra;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The numbers and instants kept in typed columns. A JSON number can be any size and an ISO-8601
 * instant any year, but PostgreSQL's numeric, its float8 statistics and its timestamptz cannot
 * hold them all (the JDBC driver even corrupts some numbers silently); whatever falls outside is
 * kept only in the JSON text, where it reads back as sent.
 */
public final class PgRange {

    /** Digits before and after the decimal point: well inside numeric, and 1e±300 fits a float8. */
    public static final int MAX_DIGITS = 300;

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private PgRange() {}

    /** True for a number of at most {@link #MAX_DIGITS} digits before and after the decimal point. */
    public static boolean holds(BigDecimal number) {
        BigDecimal exact = number.stripTrailingZeros();
        return exact.scale() <= MAX_DIGITS && exact.precision() - exact.scale() <= MAX_DIGITS;
    }

    /** True for an instant in the years 0001 to 9999, the four-digit years of ISO-8601. */
    public static boolean holds(Instant instant) {
        return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
    }
}
