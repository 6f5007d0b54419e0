package io.annotationstore.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected ratings were solved independently: BFGS on the same log-likelihood (wins, plus one
 * drawn game per source against a reference of strength 1), in SciPy.
 */
class BradleyTerryTest {

    private static final double POINTS = 1e-4;

    @Test
    void fitsTwoSourcesToTheMaximumLikelihood() {
        assertArrayEquals(
                new double[] {1082.41926824, 917.58072653},
                BradleyTerry.ratings(new double[][] {{0, 3}, {1, 0}}),
                POINTS);
    }

    @Test
    void fitsThreeSourcesToTheMaximumLikelihood() {
        double[][] wins = {{0, 2, 0}, {1, 0, 3}, {1, 1, 0}};
        assertArrayEquals(new double[] {1009.49538052, 1028.40879792, 962.0106668}, BradleyTerry.ratings(wins), POINTS);
    }

    @Test
    void ratesEvenRecordsEqualAtTheReference() {
        assertArrayEquals(new double[] {1000, 1000}, BradleyTerry.ratings(new double[][] {{0, 2}, {2, 0}}), POINTS);
    }

    @Test
    void keepsASourceThatNeverWonFinite() {
        assertArrayEquals(
                new double[] {776.50418443, 1223.49581429},
                BradleyTerry.ratings(new double[][] {{0, 0}, {4, 0}}),
                POINTS);
    }

    @Test
    void approachesTheOddsRatioAsComparisonsGrow() {
        double[] ratings = BradleyTerry.ratings(new double[][] {{0, 3000}, {1000, 0}});
        // 3:1 odds are 400 log10(3) = 190.85 points; the one-draw prior pulls them 0.04 closer
        assertEquals(190.85, ratings[0] - ratings[1], 0.1);
    }

    @Test
    void bootstrapIntervalsAreReproducibleAndSurroundTheRating() {
        List<PairTally> tallies = List.of(
                new PairTally("alpha", "beta", 60, 40, 15, 5, Map.of()),
                new PairTally("beta", "gamma", 30, 10, 20, 0, Map.of()));
        List<RatingRow> first = new RatingBootstrap(tallies).ratings(200, 7);
        assertEquals(first, new RatingBootstrap(tallies).ratings(200, 7));
        assertEquals(
                List.of("alpha", "beta", "gamma"),
                first.stream().map(RatingRow::sourceId).toList());
        for (RatingRow row : first) {
            assertTrue(row.ciLow() < row.rating() && row.rating() < row.ciHigh(), row.toString());
        }
    }

    @Test
    void hasNoIntervalWithoutRounds() {
        List<RatingRow> rows =
                new RatingBootstrap(List.of(new PairTally("a", "b", 1, 1, 0, 0, Map.of()))).ratings(0, 1);
        assertEquals(null, rows.get(0).ciLow());
        assertTrue(rows.get(0).rating() > rows.get(1).rating());
    }
}
