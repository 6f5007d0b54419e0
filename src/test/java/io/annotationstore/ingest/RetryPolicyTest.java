package io.annotationstore.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;

/** The retry schedule the service ships with (application.properties, no profile). */
class RetryPolicyTest {

    private static IngestConfig shippedConfig() throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(
                        new PropertiesConfigSource(RetryPolicyTest.class.getResource("/application.properties"), 100))
                // Quarkus' own duration syntax ("5m", "26h").
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(IngestConfig.class)
                .build();
        return config.getConfigMapping(IngestConfig.class);
    }

    /**
     * Scale retries a callback for about a day and stops once it got a 202, so an outage of
     * Scale's API shorter than {@code ingest.retry.max-age} must not fail a delivery for good.
     */
    @RepeatedTest(20)
    void keepsRetryingAnOutageUntilMaxAgeNotUntilTheAttemptCountRunsOut() throws IOException {
        IngestConfig config = shippedConfig();
        RetryPolicy policy = new RetryPolicy(config);
        Instant queuedAt = Instant.parse("2026-01-01T00:00:00Z");
        Instant now = queuedAt;
        int attempts = 1;
        Optional<Instant> next;
        while ((next = policy.nextAttempt(attempts, queuedAt, null, now)).isPresent()) {
            now = next.get();
            attempts++;
        }
        Duration triedFor = Duration.between(queuedAt, now);
        Duration maxAge = config.retry().maxAge();
        assertTrue(
                triedFor.compareTo(maxAge.minus(config.retry().maxBackoff())) >= 0,
                "gave up after " + attempts + " attempts and " + triedFor + ", before max-age " + maxAge);
    }
}
