package io.annotationstore.query;

import java.util.List;
import java.util.function.Function;

/** The fields of {@link AnnotationRow} in order, named as the API names them, for the exports. */
final class AnnotationColumns {

    /** A field; {@code json} marks the one whose text is JSON (the value as Scale sent it). */
    record Column(String name, Function<AnnotationRow, Object> value, boolean json) {
        Column(String name, Function<AnnotationRow, Object> value) {
            this(name, value, false);
        }
    }

    static final List<Column> ALL = List.of(
            new Column("annotation_id", AnnotationRow::annotationId),
            new Column("task_id", AnnotationRow::taskId),
            new Column("project", AnnotationRow::project),
            new Column("project_name", AnnotationRow::projectName),
            new Column("batch", AnnotationRow::batch),
            new Column("batch_name", AnnotationRow::batchName),
            new Column("thread_id", AnnotationRow::threadId),
            new Column("turn_id", AnnotationRow::turnId),
            new Column("message_id", AnnotationRow::messageId),
            new Column("level", AnnotationRow::level),
            new Column("path", AnnotationRow::path),
            new Column("role", AnnotationRow::role),
            new Column("source_id", AnnotationRow::sourceId),
            new Column("model", AnnotationRow::model),
            new Column("key", AnnotationRow::key),
            new Column("type", AnnotationRow::type),
            new Column("title", AnnotationRow::title),
            new Column("value", AnnotationRow::value, true),
            new Column("not_applicable", AnnotationRow::notApplicable),
            new Column("cannot_assess", AnnotationRow::cannotAssess),
            new Column("justification", AnnotationRow::justification),
            new Column("completed_at", AnnotationRow::completedAt));

    private AnnotationColumns() {}
}
