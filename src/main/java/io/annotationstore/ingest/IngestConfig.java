package io.annotationstore.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;

/** How the ingest worker claims, fetches and retries. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    Worker worker();

    Retry retry();

    /** After Scale rejects our API key, no fetch is tried for this long. */
    @WithName("auth-failure-pause")
    Duration authFailurePause();

    /** How long shutdown waits for in-flight fetches before releasing their claims. */
    @WithName("shutdown-grace")
    Duration shutdownGrace();

    interface Worker {
        boolean enabled();

        @WithName("poll-interval")
        Duration pollInterval();

        int concurrency();

        @WithName("batch-size")
        int batchSize();

        Duration lease();
    }

    interface Retry {
        @WithName("max-attempts")
        int maxAttempts();

        @WithName("max-age")
        Duration maxAge();

        @WithName("initial-backoff")
        Duration initialBackoff();

        @WithName("max-backoff")
        Duration maxBackoff();
    }
}
