package io.annotationstore.query;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** One row of the stats aggregates, before its histogram is chosen. */
record StatsGroup(
        String group,
        long total,
        long numbers,
        long categories,
        Double mean,
        Double stddev,
        BigDecimal min,
        BigDecimal max,
        Double p25,
        Double p50,
        Double p75,
        boolean integral) {

    /** The value counts of one group, numbers and categories apart, each in value order. */
    record Buckets(Map<String, Long> numbers, Map<String, Long> categories) {
        static Buckets empty() {
            return new Buckets(new LinkedHashMap<>(), new LinkedHashMap<>());
        }
    }

    static StatsGroup read(ResultSet r) throws SQLException {
        return new StatsGroup(
                r.getString("grp"),
                r.getLong("total"),
                r.getLong("numbers"),
                r.getLong("categories"),
                finite(r, "mean"),
                finite(r, "stddev"),
                r.getBigDecimal("min"),
                r.getBigDecimal("max"),
                finite(r, "p25"),
                finite(r, "p50"),
                finite(r, "p75"),
                r.getBoolean("integral"));
    }

    /**
     * A group with numeric values is read as numbers (other values are excluded); one without is
     * read as categories. A histogram longer than {@code maxBuckets} is not discrete: null.
     */
    StatsGroupRow toRow(Buckets buckets, int maxBuckets) {
        boolean numeric = numbers > 0;
        long count = numeric ? numbers : categories;
        Map<String, Long> histogram = numeric ? (integral ? buckets.numbers() : null) : buckets.categories();
        if (histogram != null && histogram.size() > maxBuckets) {
            histogram = null;
        }
        return new StatsGroupRow(group, count, total - count, mean, stddev, min, max, p25, p50, p75, histogram);
    }

    private static Double finite(ResultSet r, String column) throws SQLException {
        double value = r.getDouble(column);
        return r.wasNull() || !Double.isFinite(value) ? null : value;
    }
}
