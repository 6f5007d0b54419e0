package io.annotationstore.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with jitter for retryable fetch failures, honouring Scale's
 * {@code Retry-After}, within a cap on attempts and on the age of the delivery.
 */
@ApplicationScoped
public class RetryPolicy {

    private final IngestConfig.Retry config;

    public RetryPolicy(IngestConfig config) {
        this.config = config.retry();
    }

    /**
     * @param attempts attempts made so far, this one included
     * @param queuedAt when the delivery was queued
     * @return when to try again, or empty when the delivery should fail now
     */
    public Optional<Instant> nextAttempt(int attempts, Instant queuedAt, Duration retryAfter, Instant now) {
        if (attempts >= config.maxAttempts()) {
            return Optional.empty();
        }
        Duration wait = backoff(attempts);
        if (retryAfter != null) {
            Duration asked = honoured(retryAfter);
            if (asked.compareTo(wait) > 0) {
                wait = asked;
            }
        }
        Instant next = now.plus(wait);
        if (next.isAfter(queuedAt.plus(config.maxAge()))) {
            return Optional.empty();
        }
        return Optional.of(next);
    }

    /**
     * Scale's {@code Retry-After}, up to the maximum back-off: a far longer one (a misconfigured
     * limiter) would otherwise fail the delivery at once, past its maximum age, or stall the replica.
     */
    public Duration honoured(Duration retryAfter) {
        return retryAfter.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : retryAfter;
    }

    /** The first retry's delay, before jitter. */
    public Duration initialBackoff() {
        return config.initialBackoff();
    }

    /** Half fixed, half random ("equal jitter"): spreads retries yet never retries at once. */
    Duration backoff(int attempts) {
        long initial = config.initialBackoff().toMillis();
        long max = config.maxBackoff().toMillis();
        int exponent = Math.min(Math.max(attempts - 1, 0), 30);
        long ceiling = Math.min(max, initial * (1L << exponent));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
