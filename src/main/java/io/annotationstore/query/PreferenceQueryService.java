package io.annotationstore.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annotationstore.infra.OriginalText;
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
    private final ObjectMapper mapper;

    PreferenceQueryService(ReadSnapshot snapshot, ObjectMapper mapper) {
        this.snapshot = snapshot;
        this.mapper = mapper;
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

    /** A compared turn, with the text Scale sent where a stored copy differs ({@link OriginalText}). */
    private PreferenceRow read(ResultSet r) throws SQLException, IOException {
        OriginalText task = OriginalText.read(r.getString("task_original"));
        String projectId = task.get("project_id", r.getString("project_id"));
        String projectName = task.get("project_name", r.getString("project_name"));
        String batchId = task.get("batch_id", r.getString("batch_id"));
        String batchName = task.get("batch_name", r.getString("batch_name"));
        OffsetDateTime completedAt = r.getObject("completed_at", OffsetDateTime.class);
        List<ChatMessageRow> prompt = new ArrayList<>();
        for (JsonNode message : mapper.readTree(r.getString("prompt"))) {
            OriginalText original = OriginalText.of(message.get("original"));
            prompt.add(new ChatMessageRow(
                    original.get("role", message.path("role").textValue()),
                    original.get("content_text", message.path("content").textValue())));
        }
        List<CandidateRow> candidates = new ArrayList<>();
        String winner = r.getString("winner");
        String winnerSourceId = null;
        for (JsonNode candidate : mapper.readTree(r.getString("candidates"))) {
            OriginalText original = OriginalText.of(candidate.get("original"));
            String storedSourceId = candidate.path("source_id").textValue();
            String sourceId = original.get("source_id", storedSourceId);
            // the winner is matched on stored copies: name it as its candidate was sent
            if (winnerSourceId == null && winner != null && winner.equals(storedSourceId)) {
                winnerSourceId = sourceId;
            }
            candidates.add(new CandidateRow(
                    sourceId,
                    original.get("model", candidate.path("model").textValue()),
                    original.get("content_text", candidate.path("text").textValue())));
        }
        return new PreferenceRow(
                r.getString("task_id"),
                projectId != null ? projectId : projectName,
                projectName,
                batchId != null ? batchId : batchName,
                batchName,
                OriginalText.read(r.getString("thread_original")).get("thread_id", r.getString("thread_id")),
                OriginalText.read(r.getString("turn_original")).get("turn_id", r.getString("turn_id")),
                prompt,
                candidates,
                OriginalText.read(r.getString("choice_original")).get("value_text", r.getString("choice")),
                winnerSourceId,
                r.getBigDecimal("likert_value"),
                OriginalText.read(r.getString("justification_original"))
                        .get("value_text", r.getString("justification")),
                completedAt == null ? null : completedAt.toInstant());
    }
}
