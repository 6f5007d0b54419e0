package io.annotationstore.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads annotations for the query API, as flat rows straight from SQL: the same rows the export
 * streams, without loading entities (and their JSON columns) only to copy them into rows.
 */
@ApplicationScoped
public class AnnotationQueryService {

    private record Keyed(long id, AnnotationRow row) {}

    private final ReadSnapshot snapshot;

    AnnotationQueryService(ReadSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** One keyset page of the annotations matching {@code filter}, in storage order. */
    public PageResponse<AnnotationRow> page(AnnotationFilter filter, long afterId, int limit) {
        SqlWhere where = AnnotationSql.where(filter).and("a.id > ?", afterId);
        String sql = "select " + AnnotationSql.ROW_COLUMNS + ", a.id from annotation a where " + where.sql()
                + " order by a.id limit ?";
        List<Keyed> rows = snapshot.read(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setInt(where.bind(statement, 1), limit + 1);
                List<Keyed> page = new ArrayList<>();
                AnnotationRowReader reader = new AnnotationRowReader();
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        page.add(new Keyed(r.getLong(AnnotationRowReader.COLUMNS + 1), reader.read(r)));
                    }
                }
                return page;
            }
        });
        return PageResponse.of(AnnotationResource.CURSOR_SCOPE, rows, limit, Keyed::id, Keyed::row);
    }
}
