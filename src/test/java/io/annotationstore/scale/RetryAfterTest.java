package io.annotationstore.scale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code Retry-After} in each form RFC 9110 §10.2.3 and §5.6.7 oblige a recipient to accept. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");

    @Test
    void readsDeltaSeconds() {
        assertEquals(Duration.ofSeconds(120), ScaleApiException.parseRetryAfter(" 120 ", NOW));
        assertEquals(Duration.ZERO, ScaleApiException.parseRetryAfter("0", NOW));
    }

    @Test
    void readsTheImfFixdate() {
        assertEquals(Duration.ofSeconds(60), ScaleApiException.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", NOW));
    }

    @Test
    void readsTheObsoleteRfc850Date() {
        assertEquals(
                Duration.ofSeconds(60), ScaleApiException.parseRetryAfter("Wednesday, 21-Oct-15 07:28:00 GMT", NOW));
    }

    @Test
    void readsTheObsoleteAsctimeDate() {
        assertEquals(Duration.ofSeconds(60), ScaleApiException.parseRetryAfter("Wed Oct 21 07:28:00 2015", NOW));
        assertEquals(
                Duration.ofDays(1).plusSeconds(60), ScaleApiException.parseRetryAfter("Thu Oct 22 07:28:00 2015", NOW));
        Instant early = Instant.parse("2015-10-01T07:27:00Z");
        assertEquals(Duration.ofSeconds(60), ScaleApiException.parseRetryAfter("Thu Oct  1 07:28:00 2015", early));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertEquals(Duration.ZERO, ScaleApiException.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW));
    }

    @Test
    void anAbsurdlyLongWaitIsClampedSoThatItCanBeAddedToAnyInstant() {
        Duration wait = ScaleApiException.parseRetryAfter("99999999999999999999", NOW);
        assertEquals(ScaleApiException.MAX_RETRY_AFTER, wait);
        assertEquals(NOW.plus(ScaleApiException.MAX_RETRY_AFTER), NOW.plus(wait));
    }

    @Test
    void ignoresWhatIsNeitherSecondsNorADate() {
        assertNull(ScaleApiException.parseRetryAfter("-5", NOW));
        assertNull(ScaleApiException.parseRetryAfter("soon", NOW));
        assertNull(ScaleApiException.parseRetryAfter("1.5", NOW));
        assertNull(ScaleApiException.parseRetryAfter("", NOW));
        assertNull(ScaleApiException.parseRetryAfter(null, NOW));
    }
}
