package io.annotationstore.query;

import java.util.Arrays;

/**
 * Bradley–Terry strengths by Hunter's MM algorithm (2004), reported on the Elo scale Chatbot
 * Arena uses: {@code 1000 + 400 log10(strength)}, so 400 points are 10:1 odds.
 *
 * <p>Each source also plays {@link #PRIOR_GAMES} drawn game against a fixed reference of rating
 * 1000. Without it a source that never lost (or never won) has no finite maximum-likelihood
 * strength, and sources never compared with each other have no common scale; its pull fades as
 * real comparisons accumulate.
 */
final class BradleyTerry {

    static final double INITIAL_RATING = 1000;
    static final double SCALE = 400;
    static final double PRIOR_GAMES = 1;
    private static final int MAX_ITERATIONS = 10_000;
    private static final double TOLERANCE = 1e-10;

    private BradleyTerry() {}

    /**
     * Fits strengths to {@code wins[i][j]}, the times source i beat source j (a tie counts half to
     * each side).
     *
     * @return each source's rating, in the order of {@code wins}
     */
    static double[] ratings(double[][] wins) {
        double[] strength = new double[wins.length];
        Arrays.fill(strength, 1);
        for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
            double[] next = step(wins, strength);
            double change = 0;
            for (int i = 0; i < next.length; i++) {
                change = Math.max(change, Math.abs(Math.log(next[i] / strength[i])));
            }
            strength = next;
            if (change < TOLERANCE) {
                break;
            }
        }
        return Arrays.stream(strength)
                .map(s -> INITIAL_RATING + SCALE * Math.log10(s))
                .toArray();
    }

    /** One MM update: strength = wins / sum over games of 1 / (own + opponent strength). */
    private static double[] step(double[][] wins, double[] strength) {
        double[] next = new double[strength.length];
        for (int i = 0; i < strength.length; i++) {
            double won = PRIOR_GAMES / 2;
            double games = PRIOR_GAMES / (strength[i] + 1);
            for (int j = 0; j < strength.length; j++) {
                if (j != i) {
                    won += wins[i][j];
                    games += (wins[i][j] + wins[j][i]) / (strength[i] + strength[j]);
                }
            }
            next[i] = won / games;
        }
        return next;
    }
}
