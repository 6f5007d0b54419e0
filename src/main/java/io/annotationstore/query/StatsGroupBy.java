package io.annotationstore.query;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What {@code /annotations/stats} groups on: each name maps to fixed SQL, never to caller text. */
enum StatsGroupBy {
    SOURCE_ID("source_id", "a.source_id"),
    MODEL("model", "a.model"),
    PROJECT("project", "coalesce(a.project_id, a.project_name)"),
    BATCH("batch", "coalesce(a.batch_id, a.batch_name)"),
    KEY("key", "a.key");

    static final Map<String, StatsGroupBy> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(g -> g.parameter, Function.identity()));

    final String parameter;
    final String column;

    StatsGroupBy(String parameter, String column) {
        this.parameter = parameter;
        this.column = column;
    }
}
