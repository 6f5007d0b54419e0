package io.annotationstore.ingest;

import io.annotationstore.scale.ScaleFetch;
import io.annotationstore.task.StoreOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The ingest's Prometheus metrics (names in README, "Metrics"). */
@ApplicationScoped
public class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter failed;
    private final Timer queryable;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.failed = Counter.builder("ingest.deliveries.failed")
                .description("Deliveries that ended failed")
                .register(registry);
        this.queryable = Timer.builder("ingest.callback.to.queryable")
                .description("Time from a delivery being queued to its task being stored")
                .publishPercentileHistogram()
                .register(registry);
    }

    public void callbackAccepted() {
        registry.counter("ingest.callbacks", "outcome", "accepted", "reason", "none")
                .increment();
    }

    public void callbackRejected(String reason) {
        registry.counter("ingest.callbacks", "outcome", "rejected", "reason", reason)
                .increment();
    }

    void fetched(ScaleFetch fetch, Duration took) {
        String status = fetch.status() == null ? "none" : Integer.toString(fetch.status());
        Timer.builder("ingest.fetch")
                .description("Fetches of tasks from Scale, by outcome and HTTP status")
                .tag("outcome", fetch.kind().name().toLowerCase(Locale.ROOT))
                .tag("status", status)
                .register(registry)
                .record(took);
    }

    void stored(StoreOutcome outcome, Instant queuedAt) {
        registry.counter("ingest.tasks.stored", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                .increment();
        if (outcome.changed()) {
            queryable.record(Duration.between(queuedAt, Instant.now()));
        }
    }

    void failed() {
        failed.increment();
    }
}
