package io.annotationstore.query;

/** The annotation filters and row of api.md §3 in native SQL, over {@code annotation a}. */
final class AnnotationSql {

    /**
     * The columns {@link AnnotationRowReader} reads, in the order of {@link AnnotationRow}, then the
     * row's original text.
     */
    static final String ROW_COLUMNS = """
            a.annotation_id, a.task_id, a.project_id, a.project_name, a.batch_id, a.batch_name,
            a.thread_id, a.turn_id, a.message_index, a.level, a.path, a.role, a.source_id, a.model,
            a.key, a.type, a.title, a.value_json, a.not_applicable, a.cannot_assess,
            a.justification, a.completed_at, a.original_text""";

    private AnnotationSql() {}

    /** The condition matching {@code filter}, with its values bound. */
    static SqlWhere where(AnnotationFilter filter) {
        return new SqlWhere()
                .in("a.key", filter.keys())
                .either("a.project_id", "a.project_name", filter.project())
                .either("a.batch_id", "a.batch_name", filter.batch())
                .equal("a.task_id", filter.taskId())
                .equal("a.level", filter.level())
                .equal("a.source_id", filter.sourceId())
                .equal("a.model", filter.model())
                .equal("a.role", filter.role())
                .atLeast("a.value_number", filter.valueMin())
                .atMost("a.value_number", filter.valueMax())
                .atLeast("a.completed_at", filter.completedAfter())
                .before("a.completed_at", filter.completedBefore());
    }
}
