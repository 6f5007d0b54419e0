package io.annotationstore.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Known values: Wilson (1927), as tabulated e.g. by Newcombe (1998) for 8/10 and 0/10. */
class WilsonIntervalTest {

    private static final double EPSILON = 1e-9;

    private static void assertInterval(double low, double high, List<Double> interval) {
        assertEquals(low, interval.get(0), EPSILON);
        assertEquals(high, interval.get(1), EPSILON);
    }

    @Test
    void matchesPublishedIntervals() {
        assertInterval(0.49016247153664183, 0.9433178485456247, WilsonInterval.of(8, 10));
        assertInterval(0.0, 0.2775327998628892, WilsonInterval.of(0, 10));
    }

    @Test
    void staysInsideZeroAndOneAtTheEdges() {
        assertInterval(0.7224672001371107, 1.0, WilsonInterval.of(10, 10));
        assertInterval(0.20654931437723745, 1.0, WilsonInterval.of(1, 1));
    }

    @Test
    void acceptsHalfWinsFromTies() {
        assertInterval(0.026677342008984584, 0.802132544237689, WilsonInterval.of(0.5, 2));
    }

    @Test
    void hasNoIntervalWithoutTrials() {
        assertNull(WilsonInterval.of(0, 0));
    }
}
