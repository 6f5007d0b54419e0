package io.annotationstore.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsGroupTest {

    private static StatsGroup group(long total, long numbers, long categories, boolean integral) {
        return new StatsGroup(
                "g",
                total,
                numbers,
                categories,
                null,
                null,
                BigDecimal.ONE,
                BigDecimal.TEN,
                null,
                null,
                null,
                integral);
    }

    private static StatsGroup.Buckets buckets(Map<String, Long> numbers, Map<String, Long> categories) {
        StatsGroup.Buckets buckets = StatsGroup.Buckets.empty();
        buckets.numbers().putAll(numbers);
        buckets.categories().putAll(categories);
        return buckets;
    }

    @Test
    void readsAGroupWithNumbersAsNumericAndExcludesItsOtherValues() {
        StatsGroupRow row = group(5, 3, 1, true).toRow(buckets(Map.of("1", 3L), Map.of("x", 1L)), 10);
        assertEquals(3, row.count());
        assertEquals(2, row.excluded());
        assertEquals(Map.of("1", 3L), row.histogram());
    }

    @Test
    void readsAGroupWithoutNumbersAsCategories() {
        StatsGroupRow row = group(4, 0, 3, true).toRow(buckets(Map.of(), Map.of("a", 2L, "b", 1L)), 10);
        assertEquals(3, row.count());
        assertEquals(1, row.excluded());
        assertEquals(Map.of("a", 2L, "b", 1L), row.histogram());
    }

    @Test
    void dropsTheHistogramOfFractionalOrTooManyValues() {
        assertNull(group(2, 2, 0, false)
                .toRow(buckets(Map.of("0.5", 2L), Map.of()), 10)
                .histogram());
        assertNull(group(3, 0, 3, true)
                .toRow(buckets(Map.of(), Map.of("a", 1L, "b", 1L, "c", 1L)), 2)
                .histogram());
    }
}
