package io.annotationstore.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads {@link AnnotationRow}s from a result selecting {@link AnnotationSql#ROW_COLUMNS} first.
 * Rows of one task follow each other and share its completion time, so that is parsed once per
 * change (parsing it was a tenth of an export's time).
 */
final class AnnotationRowReader {

    /** How many columns a row takes. */
    static final int COLUMNS = 22;

    private static final int COMPLETED_AT = 22;

    private String completedText;
    private Instant completedAt;

    AnnotationRow read(ResultSet r) throws SQLException {
        String projectId = r.getString(3);
        String projectName = r.getString(4);
        String batchId = r.getString(5);
        String batchName = r.getString(6);
        return new AnnotationRow(
                r.getString(1),
                r.getString(2),
                projectId != null ? projectId : projectName,
                projectName,
                batchId != null ? batchId : batchName,
                batchName,
                r.getString(7),
                r.getString(8),
                r.getObject(9, Integer.class),
                r.getString(10),
                r.getString(11),
                r.getString(12),
                r.getString(13),
                r.getString(14),
                r.getString(15),
                r.getString(16),
                r.getString(17),
                r.getString(18),
                r.getObject(19, Boolean.class),
                r.getObject(20, Boolean.class),
                r.getString(21),
                completedAt(r));
    }

    private Instant completedAt(ResultSet r) throws SQLException {
        String text = r.getString(COMPLETED_AT);
        if (text == null) {
            return null;
        }
        if (!text.equals(completedText)) {
            completedText = text;
            completedAt = r.getObject(COMPLETED_AT, OffsetDateTime.class).toInstant();
        }
        return completedAt;
    }
}
