package io.annotationstore.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads compared turns for {@code GET /api/v1/preferences} and the preference export. */
@ApplicationScoped
public class PreferenceQueryService {

    /** Receives compared turns one at a time. */
    @FunctionalInterface
    interface TurnConsumer {
        void accept(PreferenceRow turn) throws IOException;
    }

    private record ComparedTurn(long turnPk, PreferenceRow row) {}

    private final ReadSnapshot snapshot;
    private final ObjectReader prompt;
    private final ObjectReader candidates;

    PreferenceQueryService(ReadSnapshot snapshot, ObjectMapper mapper) {
        this.snapshot = snapshot;
        this.prompt = mapper.readerFor(new TypeReference<List<ChatMessageRow>>() {});
        this.candidates = mapper.readerFor(new TypeReference<List<CandidateRow>>() {});
    }

    /** One keyset page of the compared turns matching {@code filter}, in turn order. */
    public PageResponse<PreferenceRow> page(PreferenceFilter filter, long afterTurn, int limit) {
        SqlWhere where = filter.where();
        List<ComparedTurn> turns = snapshot.read(connection -> {
            try (PreparedStatement statement =
                    connection.prepareStatement(PreferenceSql.comparedTurns(where) + " limit ?")) {
                statement.setLong(1, afterTurn);
                statement.setInt(where.bind(statement, 2), limit + 1);
                List<ComparedTurn> rows = new ArrayList<>();
                try (ResultSet r = statement.executeQuery()) {
                    while (r.next()) {
                        rows.add(new ComparedTurn(r.getLong("turn_pk"), read(r)));
                    }
                }
                return rows;
            }
        });
        return PageResponse.of(PreferenceResource.CURSOR_SCOPE, turns, limit, ComparedTurn::turnPk, ComparedTurn::row);
    }

    /**
     * Passes every compared turn matching {@code filter} to {@code consumer}, in turn order, from
     * a cursor on {@code connection} that holds {@code fetchSize} rows at a time.
     */
    void forEach(Connection connection, PreferenceFilter filter, int fetchSize, TurnConsumer consumer)
            throws SQLException, IOException {
        SqlWhere where = filter.where();
        try (PreparedStatement statement = connection.prepareStatement(PreferenceSql.comparedTurns(where))) {
            statement.setFetchSize(fetchSize);
            statement.setLong(1, 0);
            where.bind(statement, 2);
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    consumer.accept(read(r));
                }
            }
        }
    }

    private PreferenceRow read(ResultSet r) throws SQLException, IOException {
        String projectId = r.getString("project_id");
        String batchId = r.getString("batch_id");
        OffsetDateTime completedAt = r.getObject("completed_at", OffsetDateTime.class);
        return new PreferenceRow(
                r.getString("task_id"),
                projectId != null ? projectId : r.getString("project_name"),
                r.getString("project_name"),
                batchId != null ? batchId : r.getString("batch_name"),
                r.getString("batch_name"),
                r.getString("thread_id"),
                r.getString("turn_id"),
                prompt.readValue(r.getString("prompt")),
                candidates.readValue(r.getString("candidates")),
                r.getString("choice"),
                r.getString("winner"),
                r.getBigDecimal("likert_value"),
                r.getString("justification"),
                completedAt == null ? null : completedAt.toInstant());
    }
}
