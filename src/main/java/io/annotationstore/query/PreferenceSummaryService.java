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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Win rates per pair of sources and Bradley–Terry ratings, for {@code /preferences/summary}. */
@ApplicationScoped
public class PreferenceSummaryService {

    private final ReadSnapshot snapshot;
    private final QueryConfig config;
    private final ObjectReader histogram;

    PreferenceSummaryService(ReadSnapshot snapshot, QueryConfig config, ObjectMapper mapper) {
        this.snapshot = snapshot;
        this.config = config;
        this.histogram = mapper.readerFor(new TypeReference<LinkedHashMap<String, Long>>() {});
    }

    /**
     * The pairs of sources compared in the turns matching {@code filter} (counted in the
     * database), and each source's rating with its bootstrap interval. The resampling is seeded
     * from configuration, so the same comparisons always give the same answer.
     *
     * @return pairs in source order; ratings best first
     */
    public PreferenceSummaryResponse summary(PreferenceFilter filter) {
        List<PairTally> tallies = snapshot.read(connection -> tallies(connection, filter.where()));
        List<RatingRow> ratings = new ArrayList<>(new RatingBootstrap(tallies)
                .ratings(
                        config.preferences().bootstrapRounds(),
                        config.preferences().bootstrapSeed()));
        ratings.sort(Comparator.comparingDouble(RatingRow::rating).reversed());
        return new PreferenceSummaryResponse(
                tallies.stream().map(PairTally::toRow).toList(), ratings);
    }

    private List<PairTally> tallies(Connection connection, SqlWhere where) throws SQLException, IOException {
        try (PreparedStatement statement = connection.prepareStatement(PreferenceSummarySql.tally(where))) {
            where.bind(statement, 1);
            List<PairTally> tallies = new ArrayList<>();
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    tallies.add(tally(r));
                }
            }
            return tallies;
        }
    }

    private PairTally tally(ResultSet r) throws SQLException, IOException {
        String likert = r.getString("histogram");
        return new PairTally(
                r.getString("source_a"),
                r.getString("source_b"),
                r.getLong("comparisons"),
                r.getLong("wins_a"),
                r.getLong("wins_b"),
                r.getLong("ties"),
                likert == null ? Map.of() : histogram.readValue(likert));
    }
}
