package io.annotationstore.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers that Scale rejected our API key. While the pause lasts no fetch is started, so a
 * bad key fails one delivery instead of every queued one, and readiness reports it.
 */
@ApplicationScoped
public class ScaleKeyGate {

    /** Why fetching is paused, and until when. */
    public record Rejection(int status, String message, Instant since, Instant until) {}

    private final AtomicReference<Rejection> rejection = new AtomicReference<>();
    private final IngestConfig config;
    private final Clock clock;

    public ScaleKeyGate(IngestConfig config) {
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /** @return true when this call opened the pause, false when one was already running */
    public boolean reject(int status, String message) {
        Instant now = clock.instant();
        Rejection current = rejection.get();
        if (current != null && now.isBefore(current.until())) {
            return false;
        }
        rejection.set(new Rejection(status, message, now, now.plus(config.authFailurePause())));
        return true;
    }

    public void accepted() {
        rejection.set(null);
    }

    public boolean isPaused() {
        Rejection current = rejection.get();
        return current != null && clock.instant().isBefore(current.until());
    }

    /** The last rejection, kept until a fetch succeeds again. */
    public Optional<Rejection> lastRejection() {
        return Optional.ofNullable(rejection.get());
    }
}
