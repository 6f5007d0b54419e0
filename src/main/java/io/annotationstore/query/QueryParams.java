package io.annotationstore.query;

import io.annotationstore.infra.PgRange;
import io.annotationstore.infra.Problem;
import io.annotationstore.infra.ProblemException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses query parameters and collects every problem, so one 400 names all bad fields at once.
 */
public final class QueryParams {

    /** The one parameter that may be given more than once (api.md §3). */
    private static final String REPEATABLE = "key";

    private final List<Problem.FieldError> errors = new ArrayList<>();
    private final String what;

    /** Checks query parameters. */
    public QueryParams() {
        this("query parameters");
    }

    /** @param what what the checked values are, for the problem's detail (e.g. "fields") */
    public QueryParams(String what) {
        this.what = what;
    }

    /**
     * Rejects what would silently widen or change a query: a parameter the endpoint does not know
     * (a typo), one left empty (a script's unset variable; an empty cursor is simply the first
     * page), and a second value for a parameter that takes one.
     */
    public QueryParams acceptOnly(MultivaluedMap<String, String> given, Set<String> known) {
        given.forEach((name, values) -> {
            if (!known.contains(name)) {
                errors.add(new Problem.FieldError(name, "unknown parameter"));
            } else if (values.size() > 1 && !REPEATABLE.equals(name)) {
                errors.add(new Problem.FieldError(name, "may be given once only"));
            } else if (!"cursor".equals(name) && values.stream().anyMatch(String::isEmpty)) {
                errors.add(new Problem.FieldError(name, "must not be empty"));
            }
        });
        return this;
    }

    public int limit(String value, int defaultLimit, int maxLimit) {
        if (value == null || value.isEmpty()) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= maxLimit) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError("limit", "must be a whole number from 1 to " + maxLimit));
        return defaultLimit;
    }

    /** @param scope the list being paged, as its pages were encoded with */
    public long cursor(String scope, String value) {
        try {
            return Cursor.decode(scope, value);
        } catch (ProblemException e) {
            errors.add(new Problem.FieldError("cursor", "not a cursor this API issued"));
            return 0;
        }
    }

    /** ISO-8601 instant or offset date-time, or a plain date meaning its start in UTC. */
    public Instant instant(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        Instant instant = parseInstant(value);
        if (instant == null) {
            errors.add(new Problem.FieldError(field, "must be an ISO-8601 date-time such as 2025-01-31T00:00:00Z"));
            return null;
        }
        if (!PgRange.holds(instant)) {
            errors.add(new Problem.FieldError(field, "must be in the years 0001 to 9999"));
            return null;
        }
        return instant;
    }

    private static Instant parseInstant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notDateTime) {
            try {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    public BigDecimal number(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            if (value.length() <= 100) {
                BigDecimal number = new BigDecimal(value);
                if (PgRange.holds(number)) {
                    return number;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(
                field, "must be a number of at most " + PgRange.MAX_DIGITS + " digits before and after the point"));
        return null;
    }

    public String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!allowed.contains(value)) {
            errors.add(new Problem.FieldError(
                    field, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed))));
            return null;
        }
        return value;
    }

    /** Free text filters are matched exactly; only their length is bounded. */
    public String text(String field, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.length() > 512) {
            errors.add(new Problem.FieldError(field, "must be at most 512 characters"));
            return null;
        }
        if (value.indexOf('\0') >= 0) {
            // Stored copies hold U+FFFD in its place (docs/security.md), so it could never match.
            errors.add(new Problem.FieldError(field, "must not contain U+0000"));
            return null;
        }
        return value;
    }

    public void require(boolean condition, String field, String message) {
        if (!condition) {
            errors.add(new Problem.FieldError(field, message));
        }
    }

    /** @throws ProblemException 400 naming every bad field collected so far */
    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            String fields = String.join(
                    ", ",
                    errors.stream().map(Problem.FieldError::field).distinct().toList());
            throw ProblemException.badRequest("invalid " + what + ": " + fields, errors);
        }
    }
}
