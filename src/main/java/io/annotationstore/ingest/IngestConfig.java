package io.annotationstore.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How the ingest worker claims, fetches and retries. */
@ConfigMapping(prefix = "ingest")
public interface IngestConfig {

    Worker worker();

    Retry retry();

    /** After Scale rejects our API key, no fetch is tried for this long. */
    @WithName("auth-failure-pause")
    Duration authFailurePause();

    /**
     * A callback identical to the one the last fetch was claimed under, within this window of
     * that claim, is a duplicate delivery: the fetch already reflects it.
     */
    @WithName("duplicate-window")
    Duration duplicateWindow();

    /** How long shutdown waits for in-flight fetches before releasing their claims. */
    @WithName("shutdown-grace")
    Duration shutdownGrace();

    Backfill backfill();

    Reconcile reconcile();

    Inbox inbox();

    /** How accepted callbacks are written to the inbox (CallbackWriter). */
    interface Inbox {
        /** Threads writing callbacks; each writes what is waiting with one statement and commit. */
        int writers();

        /** The most callbacks one statement writes. */
        @WithName("max-batch")
        int maxBatch();

        /**
         * How long a request waits for its group's commit before writing its callback alone; only
         * a writer stuck on a connection that stopped answering takes this long.
         */
        @WithName("group-wait")
        Duration groupWait();
    }

    interface Backfill {
        @WithName("page-size")
        int pageSize();

        @WithName("poll-interval")
        Duration pollInterval();

        Duration lease();

        @WithName("max-attempts")
        int maxAttempts();
    }

    interface Reconcile {
        boolean enabled();

        Duration every();

        /** Each scan reaches back {@code every + overlap}, so a late-completed task is not missed. */
        Duration overlap();

        /** Scale project names to reconcile. */
        Optional<List<String>> projects();
    }

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
