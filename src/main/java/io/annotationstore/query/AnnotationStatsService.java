package io.annotationstore.query;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Aggregates annotation values in PostgreSQL for {@code GET /api/v1/annotations/stats}. */
@ApplicationScoped
public class AnnotationStatsService {

    private final ReadSnapshot snapshot;
    private final QueryConfig config;

    AnnotationStatsService(ReadSnapshot snapshot, QueryConfig config) {
        this.snapshot = snapshot;
        this.config = config;
    }

    /**
     * The aggregates of the annotations matching {@code filter}, one group per value of
     * {@code groupBy} (null last). Both statements run in one snapshot, so counts and histograms
     * agree; no annotation row is loaded into memory.
     *
     * @return groups with numeric aggregates for numeric keys, category counts for the others
     */
    public StatsResponse stats(AnnotationFilter filter, StatsGroupBy groupBy) {
        SqlWhere where = AnnotationSql.where(filter);
        int maxBuckets = config.stats().maxHistogramBuckets();
        List<StatsGroupRow> groups = snapshot.read(connection -> {
            List<StatsGroup> aggregates = aggregates(connection, groupBy, where);
            Map<String, StatsGroup.Buckets> buckets = buckets(connection, groupBy, where, maxBuckets);
            return aggregates.stream()
                    .map(g -> g.toRow(buckets.getOrDefault(g.group(), StatsGroup.Buckets.empty()), maxBuckets))
                    .toList();
        });
        List<String> keys = filter.keys();
        return new StatsResponse(keys.size() == 1 ? keys.get(0) : keys, groupBy.parameter, groups);
    }

    private static List<StatsGroup> aggregates(Connection connection, StatsGroupBy groupBy, SqlWhere where)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(StatsSql.aggregates(groupBy, where))) {
            where.bind(statement, 1);
            List<StatsGroup> groups = new ArrayList<>();
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    groups.add(StatsGroup.read(r));
                }
            }
            return groups;
        }
    }

    private static Map<String, StatsGroup.Buckets> buckets(
            Connection connection, StatsGroupBy groupBy, SqlWhere where, int maxBuckets) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(StatsSql.buckets(groupBy, where))) {
            statement.setInt(where.bind(statement, 1), maxBuckets + 1);
            // a null group is a real group (e.g. turn-level annotations have no source): HashMap keeps it
            Map<String, StatsGroup.Buckets> buckets = new HashMap<>();
            try (ResultSet r = statement.executeQuery()) {
                while (r.next()) {
                    StatsGroup.Buckets group =
                            buckets.computeIfAbsent(r.getString("grp"), g -> StatsGroup.Buckets.empty());
                    String number = r.getString("number");
                    if (number != null) {
                        group.numbers().put(number, r.getLong("n"));
                    } else {
                        group.categories().put(r.getString("category"), r.getLong("n"));
                    }
                }
            }
            return buckets;
        }
    }
}
