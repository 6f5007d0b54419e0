package io.annotationstore.infra;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Parameter binding for the few statements written over plain JDBC (the ingest hot paths). */
public final class Jdbc {

    private Jdbc() {}

    /** Binds {@code values} to parameters 1..n; a null is bound untyped, typed by its column. */
    public static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                statement.setNull(i + 1, Types.OTHER);
            } else {
                statement.setObject(i + 1, values[i]);
            }
        }
    }

    /** A {@code timestamptz} parameter; the driver has no mapping for {@link Instant} itself. */
    public static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
