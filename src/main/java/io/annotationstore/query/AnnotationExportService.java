package io.annotationstore.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.BooleanSupplier;

/** The annotation export: every matching annotation row, streamed. */
@ApplicationScoped
public class AnnotationExportService {

    private final ReadSnapshot snapshot;
    private final QueryConfig config;
    private final JsonFactory json;

    AnnotationExportService(ReadSnapshot snapshot, QueryConfig config, ObjectMapper mapper) {
        this.snapshot = snapshot;
        this.config = config;
        this.json = mapper.getFactory();
    }

    /**
     * The body of an export of the annotations matching {@code filter}, in id order, rows as
     * {@code GET /api/v1/annotations} gives them. Rows go out as the database cursor yields them,
     * a fetch at a time, so memory stays flat whatever the row count. It stops, releasing its
     * connection, once {@code clientGone} says the client left.
     *
     * @return a body that reads in its own read-only transaction when written
     */
    public StreamingOutput export(AnnotationFilter filter, ExportFormat format, BooleanSupplier clientGone) {
        SqlWhere where = AnnotationSql.where(filter);
        return snapshot.streaming((connection, output) -> write(connection, where, sink(format, output)), clientGone);
    }

    private void write(Connection connection, SqlWhere where, RowSink<AnnotationRow> sink)
            throws SQLException, IOException {
        String sql =
                "select " + AnnotationSql.ROW_COLUMNS + " from annotation a where " + where.sql() + " order by a.id";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(config.export().fetchSize());
            where.bind(statement, 1);
            try (ResultSet r = statement.executeQuery()) {
                AnnotationRowReader rows = new AnnotationRowReader();
                while (r.next()) {
                    sink.write(rows.read(r));
                }
            }
        }
        sink.finish();
    }

    private RowSink<AnnotationRow> sink(ExportFormat format, OutputStream output) throws IOException {
        return format == ExportFormat.CSV ? new AnnotationCsv(output) : new AnnotationJsonLines(output, json);
    }
}
