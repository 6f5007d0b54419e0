package io.annotationstore.query;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A native SQL condition and the values bound to its {@code ?} placeholders, in order. Only
 * fixed SQL text is appended; every value a caller gave is bound, never spliced into the text.
 */
final class SqlWhere {

    private final StringBuilder sql = new StringBuilder("true");
    private final List<Object> values = new ArrayList<>();

    /** Appends {@code and condition}; {@code bound} fill its placeholders in order. */
    SqlWhere and(String condition, Object... bound) {
        sql.append(" and ").append(condition);
        values.addAll(List.of(bound));
        return this;
    }

    /** Appends {@code and column = ?} when {@code value} is given. */
    SqlWhere equal(String column, Object value) {
        return value == null ? this : and(column + " = ?", value);
    }

    /** Appends {@code and (a = ? or b = ?)} when {@code value} is given: an id-or-name match. */
    SqlWhere either(String first, String second, String value) {
        return value == null ? this : and("(" + first + " = ? or " + second + " = ?)", value, value);
    }

    /** Appends {@code and column in (?, ...)} when {@code any} is not empty. */
    SqlWhere in(String column, List<String> any) {
        if (any.isEmpty()) {
            return this;
        }
        String placeholders = String.join(", ", Collections.nCopies(any.size(), "?"));
        return and(column + " in (" + placeholders + ")", any.toArray());
    }

    /** Appends {@code and column >= ?} when {@code value} is given. */
    SqlWhere atLeast(String column, Object value) {
        return value == null ? this : and(column + " >= ?", value);
    }

    /** Appends {@code and column <= ?} when {@code value} is given. */
    SqlWhere atMost(String column, Object value) {
        return value == null ? this : and(column + " <= ?", value);
    }

    /** Appends {@code and column < ?} when {@code value} is given. */
    SqlWhere before(String column, Object value) {
        return value == null ? this : and(column + " < ?", value);
    }

    String sql() {
        return sql.toString();
    }

    /**
     * Binds the values from placeholder {@code first} on.
     *
     * @return the index of the next placeholder
     */
    int bind(PreparedStatement statement, int first) throws SQLException {
        int index = first;
        for (Object value : values) {
            statement.setObject(
                    index++, value instanceof Instant i ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : value);
        }
        return index;
    }
}
