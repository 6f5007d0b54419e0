package io.annotationstore.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.function.BooleanSupplier;

/** The preference export: TRL preference pairs, streamed. */
@ApplicationScoped
public class PreferenceExportService {

    private final ReadSnapshot snapshot;
    private final PreferenceQueryService preferences;
    private final QueryConfig config;
    private final ObjectMapper mapper;

    PreferenceExportService(
            ReadSnapshot snapshot, PreferenceQueryService preferences, QueryConfig config, ObjectMapper mapper) {
        this.snapshot = snapshot;
        this.preferences = preferences;
        this.config = config;
        this.mapper = mapper;
    }

    /**
     * The body of an export of the compared turns matching {@code filter}, as JSON Lines of
     * {@link PreferencePairRow}: one line per (winner, other candidate), none for a tie; in turn
     * order, streamed from a database cursor.
     *
     * It stops, releasing its connection, once {@code clientGone} says the client left.
     *
     * @return a body that reads in its own read-only transaction when written
     */
    public StreamingOutput export(PreferenceFilter filter, BooleanSupplier clientGone) {
        return snapshot.streaming(
                (connection, output) -> {
                    JsonLines<PreferencePairRow> lines =
                            new JsonLines<>(output, mapper.writerFor(PreferencePairRow.class));
                    preferences.forEach(connection, filter, config.export().fetchSize(), turn -> {
                        for (PreferencePairRow pair : PreferencePairRow.of(turn)) {
                            lines.write(pair);
                        }
                    });
                    lines.finish();
                },
                clientGone);
    }
}
