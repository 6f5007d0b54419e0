package io.annotationstore.query;

import io.annotationstore.infra.OriginalText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads {@link AnnotationRow}s from a result selecting {@link AnnotationSql#ROW_COLUMNS} first,
 * with the text Scale sent where the stored copy differs ({@link OriginalText}).
 * Rows of one task follow each other and share its completion time, so that is parsed once per
 * change (parsing it was a tenth of an export's time).
 */
final class AnnotationRowReader {

    /** How many columns a row takes. */
    static final int COLUMNS = 23;

    private static final int COMPLETED_AT = 22;
    private static final int ORIGINAL_TEXT = 23;

    private String completedText;
    private Instant completedAt;

    AnnotationRow read(ResultSet r) throws SQLException {
        OriginalText original = OriginalText.read(r.getString(ORIGINAL_TEXT));
        String projectId = original.get("project_id", r.getString(3));
        String projectName = original.get("project_name", r.getString(4));
        String batchId = original.get("batch_id", r.getString(5));
        String batchName = original.get("batch_name", r.getString(6));
        return new AnnotationRow(
                original.get("annotation_id", r.getString(1)),
                r.getString(2),
                projectId != null ? projectId : projectName,
                projectName,
                batchId != null ? batchId : batchName,
                batchName,
                original.get("thread_id", r.getString(7)),
                original.get("turn_id", r.getString(8)),
                r.getObject(9, Integer.class),
                r.getString(10),
                r.getString(11),
                original.get("role", r.getString(12)),
                original.get("source_id", r.getString(13)),
                original.get("model", r.getString(14)),
                original.get("key", r.getString(15)),
                original.get("type", r.getString(16)),
                original.get("title", r.getString(17)),
                r.getString(18),
                r.getObject(19, Boolean.class),
                r.getObject(20, Boolean.class),
                original.get("justification", r.getString(21)),
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
