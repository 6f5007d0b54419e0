package io.annotationstore.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the ingest can make progress: the worker runs (when enabled) and Scale
 * accepts our API key. Reports DOWN with details rather than throwing.
 */
@Readiness
@ApplicationScoped
public class IngestHealthCheck implements HealthCheck {

    private final IngestWorker worker;
    private final ScaleKeyGate keyGate;
    private final IngestConfig config;

    IngestHealthCheck(IngestWorker worker, ScaleKeyGate keyGate, IngestConfig config) {
        this.worker = worker;
        this.keyGate = keyGate;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response =
                HealthCheckResponse.named("ingest").up();
        response.withData("worker_enabled", config.worker().enabled());
        if (config.worker().enabled()) {
            response.withData("worker_running", worker.isRunning());
            if (worker.lastPoll() != null) {
                response.withData("last_poll", worker.lastPoll().toString());
            }
            if (!worker.isRunning()) {
                response.down();
            }
        }
        keyGate.lastRejection().ifPresent(rejection -> {
            response.down()
                    .withData("scale_api_key", "rejected")
                    .withData("scale_status", rejection.status())
                    .withData("rejected_since", rejection.since().toString())
                    .withData("paused_until", rejection.until().toString());
        });
        return response.build();
    }
}
