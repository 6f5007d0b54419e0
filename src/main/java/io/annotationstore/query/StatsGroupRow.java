package io.annotationstore.query;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The aggregates of one group. Numeric fields are null where undefined (no numeric values;
 * {@code stddev} below two values); {@code histogram} is null when the values are not discrete
 * (fractional numbers, or more distinct values than {@code query.stats.max-histogram-buckets}).
 */
public record StatsGroupRow(
        String group,
        long count,
        long excluded,
        Double mean,
        Double stddev,
        BigDecimal min,
        BigDecimal max,
        Double p25,
        Double p50,
        Double p75,
        Map<String, Long> histogram) {}
