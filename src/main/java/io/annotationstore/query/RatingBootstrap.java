package io.annotationstore.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Bradley–Terry ratings with bootstrap intervals, as Chatbot Arena computes them: refit on
 * comparisons resampled with replacement, then take the 2.5 % and 97.5 % percentiles. Identical
 * comparisons are interchangeable, so a resample only draws how many of each (pair, outcome)
 * there are: memory grows with the pairs, not the comparisons.
 */
final class RatingBootstrap {

    // each pair has three categories of comparison, at 3 * pair + outcome
    private static final int OUTCOMES = 3;
    private static final int A_WINS = 0;
    private static final int B_WINS = 1;

    private final List<String> sources;
    private final int[] sourceA;
    private final int[] sourceB;
    private final long[] cumulative;

    RatingBootstrap(List<PairTally> tallies) {
        this.sources = List.copyOf(new TreeSet<>(tallies.stream()
                .flatMap(t -> Stream.of(t.sourceA(), t.sourceB()))
                .toList()));
        Map<String, Integer> index = new TreeMap<>();
        IntStream.range(0, sources.size()).forEach(i -> index.put(sources.get(i), i));
        sourceA = tallies.stream().mapToInt(t -> index.get(t.sourceA())).toArray();
        sourceB = tallies.stream().mapToInt(t -> index.get(t.sourceB())).toArray();
        cumulative = new long[tallies.size() * OUTCOMES];
        long total = 0;
        for (int p = 0; p < tallies.size(); p++) {
            PairTally t = tallies.get(p);
            long[] counts = {t.winsA(), t.winsB(), t.ties()};
            for (int o = 0; o < OUTCOMES; o++) {
                total += counts[o];
                cumulative[p * OUTCOMES + o] = total;
            }
        }
    }

    /**
     * The rating of each source on all comparisons, with the percentile interval of
     * {@code rounds} refits on resamples drawn from {@code seed}.
     *
     * @return one row per source, in source order; intervals are null when rounds is 0
     */
    List<RatingRow> ratings(int rounds, long seed) {
        double[] rating = BradleyTerry.ratings(wins(counts()));
        double[][] resampled = new double[sources.size()][rounds];
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < rounds; round++) {
            double[] refit = BradleyTerry.ratings(wins(resample(random)));
            for (int s = 0; s < refit.length; s++) {
                resampled[s][round] = refit[s];
            }
        }
        List<RatingRow> rows = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            Arrays.sort(resampled[s]);
            rows.add(new RatingRow(
                    sources.get(s), rating[s], percentile(resampled[s], 0.025), percentile(resampled[s], 0.975)));
        }
        return rows;
    }

    private long[] counts() {
        long[] counts = new long[cumulative.length];
        for (int c = 0; c < counts.length; c++) {
            counts[c] = cumulative[c] - (c == 0 ? 0 : cumulative[c - 1]);
        }
        return counts;
    }

    /** As many comparisons as there are, each drawn uniformly from all of them. */
    private long[] resample(SplittableRandom random) {
        long[] counts = new long[cumulative.length];
        long total = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
        for (long draw = 0; draw < total; draw++) {
            int found = Arrays.binarySearch(cumulative, random.nextLong(total));
            // binarySearch finds the category whose cumulative count exceeds the draw
            counts[found >= 0 ? next(found) : -found - 1]++;
        }
        return counts;
    }

    /** The first category after {@code c} that has comparisons (empty ones share its total). */
    private int next(int c) {
        int category = c + 1;
        while (cumulative[category] == cumulative[c]) {
            category++;
        }
        return category;
    }

    private double[][] wins(long[] counts) {
        double[][] wins = new double[sources.size()][sources.size()];
        for (int c = 0; c < counts.length; c++) {
            int a = sourceA[c / OUTCOMES];
            int b = sourceB[c / OUTCOMES];
            int outcome = c % OUTCOMES;
            // a tie counts half a win to each side
            double toA = outcome == A_WINS ? counts[c] : outcome == B_WINS ? 0 : counts[c] / 2.0;
            wins[a][b] += toA;
            wins[b][a] += counts[c] - toA;
        }
        return wins;
    }

    /** Linear interpolation between order statistics, as PostgreSQL's percentile_cont. */
    private static Double percentile(double[] sorted, double fraction) {
        if (sorted.length == 0) {
            return null;
        }
        double position = (sorted.length - 1) * fraction;
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
