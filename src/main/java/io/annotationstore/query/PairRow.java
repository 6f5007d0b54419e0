package io.annotationstore.query;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The comparisons of two sources ({@code source_a} before {@code source_b} by code point).
 * {@code win_rate_a} counts a tie as half a win, with its 95 % Wilson score interval;
 * {@code likert_histogram} reads each likert value from source_a's side (1 = A much better).
 */
public record PairRow(
        String sourceA,
        String sourceB,
        long comparisons,
        long winsA,
        long winsB,
        long ties,
        Double winRateA,
        @JsonProperty("win_rate_a_ci") List<Double> winRateACi,
        Map<String, Long> likertHistogram) {}
