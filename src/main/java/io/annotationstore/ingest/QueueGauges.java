package io.annotationstore.ingest;

import io.annotationstore.infra.DatabaseFailures;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Queue depth by state and the age of the oldest due delivery, read from the database on a
 * schedule (not on the scrape, which must never wait for a query).
 */
@ApplicationScoped
public class QueueGauges {

    private final DeliveryRepository deliveries;
    private final Map<DeliveryState, AtomicLong> depth = new EnumMap<>(DeliveryState.class);
    private final AtomicLong oldestQueuedSeconds = new AtomicLong();

    QueueGauges(DeliveryRepository deliveries, MeterRegistry registry, ScaleKeyGate keyGate, ScaleThrottle throttle) {
        this.deliveries = deliveries;
        for (DeliveryState state : DeliveryState.values()) {
            AtomicLong value = new AtomicLong();
            depth.put(state, value);
            Gauge.builder("ingest.deliveries", value, AtomicLong::get)
                    .description("Deliveries in the inbox by state (all replicas)")
                    .tag("state", state.value())
                    .register(registry);
        }
        Gauge.builder("ingest.oldest.queued.age", oldestQueuedSeconds, AtomicLong::get)
                .description("Seconds since the oldest delivery still queued was queued")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder(
                        "ingest.scale.key.rejected",
                        keyGate,
                        gate -> gate.lastRejection().isPresent() ? 1 : 0)
                .description("1 while Scale rejects our API key (fetching paused)")
                .register(registry);
        Gauge.builder("ingest.scale.rate.limited", throttle, t -> t.isHoldingBack() ? 1 : 0)
                .description("1 while this replica holds back fetches after Scale answered 429")
                .register(registry);
    }

    @Scheduled(
            every = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        DatabaseFailures.runScheduled("queue metrics refresh", () -> {
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(deliveries::depthByState);
            depth.values().forEach(value -> value.set(0));
            long oldest = 0;
            for (Object[] row : rows) {
                DeliveryState.parse((String) row[0])
                        .ifPresent(state -> depth.get(state).set(((Number) row[1]).longValue()));
                if (DeliveryState.QUEUED.value().equals(row[0]) && row[2] != null) {
                    oldest = ((Number) row[2]).longValue();
                }
            }
            oldestQueuedSeconds.set(oldest);
        });
    }
}
