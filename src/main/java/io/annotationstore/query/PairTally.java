package io.annotationstore.query;

import java.util.Map;

/** The comparisons of one pair of sources, as counted in the database. */
record PairTally(
        String sourceA, String sourceB, long comparisons, long winsA, long winsB, long ties, Map<String, Long> likert) {

    /** The answer's pair: win rate of A with ties counted half, and its Wilson interval. */
    PairRow toRow() {
        double wins = winsA + ties / 2.0;
        Double rate = comparisons == 0 ? null : wins / comparisons;
        return new PairRow(
                sourceA, sourceB, comparisons, winsA, winsB, ties, rate, WilsonInterval.of(wins, comparisons), likert);
    }
}
