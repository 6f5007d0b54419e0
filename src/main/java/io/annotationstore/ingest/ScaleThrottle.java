package io.annotationstore.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scale's 429 limits our API key, not one task: after one, this replica starts no fetch until
 * Scale's {@code Retry-After} has passed, instead of spending every queued delivery's attempts
 * on more 429s. Each replica learns of the limit from its own 429s. Not a readiness concern:
 * the webhook keeps accepting callbacks meanwhile.
 */
@ApplicationScoped
public class ScaleThrottle {

    private final AtomicReference<Instant> until = new AtomicReference<>(Instant.EPOCH);
    private final Clock clock = Clock.systemUTC();

    /** Holds back fetches for {@code wait} from now, unless they are held back longer already. */
    public void holdBack(Duration wait) {
        Instant end = clock.instant().plus(wait);
        until.accumulateAndGet(end, (current, candidate) -> candidate.isAfter(current) ? candidate : current);
    }

    public boolean isHoldingBack() {
        return clock.instant().isBefore(until.get());
    }
}
