package io.annotationstore.query;

import java.util.Set;
import java.util.TreeSet;

/** The formats of the exports: their parameter value, media type and file extension. */
enum ExportFormat {
    CSV("csv", "text/csv; charset=UTF-8"),
    JSONL("jsonl", TaskResource.NDJSON);

    final String parameter;
    final String mediaType;

    ExportFormat(String parameter, String mediaType) {
        this.parameter = parameter;
        this.mediaType = mediaType;
    }

    /** The {@code format} parameter, one of {@code allowed}; JSON Lines when absent. */
    static ExportFormat parse(QueryParams params, String value, Set<ExportFormat> allowed) {
        Set<String> names = new TreeSet<>();
        allowed.forEach(f -> names.add(f.parameter));
        String name = params.oneOf("format", value, names);
        return allowed.stream()
                .filter(f -> f.parameter.equals(name))
                .findFirst()
                .orElse(JSONL);
    }

    String filename(String base) {
        return base + "." + parameter;
    }
}
