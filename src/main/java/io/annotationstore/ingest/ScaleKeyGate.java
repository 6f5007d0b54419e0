package io.annotationstore.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers that Scale rejected our API key, from the first 401/403 until Scale accepts the key
 * again. Meanwhile no delivery is claimed, so a bad key fails one delivery instead of every queued
 * one, and readiness reports it. After each pause the worker asks Scale again
 * ({@link DeliveryProcessor#probeKey}), so the gate also opens with nothing else queued.
 */
@ApplicationScoped
public class ScaleKeyGate {

    /** Why fetching stopped: the refused task, Scale's answer, and until when no fetch is tried. */
    public record Rejection(String taskId, int status, String message, Instant since, Instant until) {}

    private final AtomicReference<Rejection> rejection = new AtomicReference<>();
    private final IngestConfig config;
    private final Clock clock;

    public ScaleKeyGate(IngestConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** @return true when this rejection closed the gate, false when it was closed already */
    public boolean reject(String taskId, int status, String message) {
        Instant now = clock.instant();
        return rejection.compareAndSet(
                null, new Rejection(taskId, status, message, now, now.plus(config.authFailurePause())));
    }

    /** Scale refused the key again (or could not say): another pause, same refused task. */
    public void stillRejected(int status, String message) {
        Instant now = clock.instant();
        rejection.updateAndGet(current -> current == null
                ? null
                : new Rejection(
                        current.taskId(), status, message, current.since(), now.plus(config.authFailurePause())));
    }

    /** Scale accepted the key: fetching may go on. @return the rejection this ended, if any */
    public Optional<Rejection> accepted() {
        return Optional.ofNullable(rejection.getAndSet(null));
    }

    /** When a delivery that met a closed gate may be tried again. */
    public Instant reopensAt() {
        Rejection current = rejection.get();
        return current == null ? clock.instant() : current.until();
    }

    /** The rejection whose pause is over: Scale should be asked again. */
    public Optional<Rejection> probeDue() {
        Rejection current = rejection.get();
        return current != null && !clock.instant().isBefore(current.until()) ? Optional.of(current) : Optional.empty();
    }

    public Optional<Rejection> lastRejection() {
        return Optional.ofNullable(rejection.get());
    }
}
