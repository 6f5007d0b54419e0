package io.annotationstore.query;

import java.util.List;

/** The Wilson score interval of a proportion (Wilson 1927): stays inside [0, 1] for any count. */
final class WilsonInterval {

    /** The standard normal quantile of 97.5 %: a two-sided 95 % interval. */
    static final double Z_95 = 1.959963984540054;

    private WilsonInterval() {}

    /**
     * The 95 % interval of {@code successes / trials}; successes may be fractional (a tie counts
     * half).
     *
     * @return [low, high], or null for no trials
     */
    static List<Double> of(double successes, long trials) {
        if (trials <= 0) {
            return null;
        }
        double p = successes / trials;
        double z2 = Z_95 * Z_95;
        double denominator = 1 + z2 / trials;
        double center = (p + z2 / (2.0 * trials)) / denominator;
        double half = Z_95 * Math.sqrt(p * (1 - p) / trials + z2 / (4.0 * trials * trials)) / denominator;
        return List.of(Math.max(0, center - half), Math.min(1, center + half));
    }
}
