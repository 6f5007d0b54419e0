package io.annotationstore.ingest;

import io.annotationstore.infra.DatabaseFailures;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Takes queued deliveries off the inbox and works them on a bounded pool. A dispatcher thread
 * claims as many deliveries as there are free slots, then sleeps until a callback wakes it, a
 * fetch finishes, or the poll interval passes (which is how other replicas' work is noticed).
 */
@ApplicationScoped
public class IngestWorker {

    private static final Logger LOG = Logger.getLogger(IngestWorker.class);

    private final IngestConfig config;
    private final InboxService inbox;
    private final DeliveryProcessor processor;
    private final ScaleKeyGate keyGate;
    private final ScaleThrottle throttle;
    private final String workerId = "worker-" + UUID.randomUUID();
    private final Semaphore wake = new Semaphore(0);
    private final AtomicInteger inFlight = new AtomicInteger();

    private volatile boolean running;
    private volatile Instant lastPoll;
    private Thread dispatcher;
    private ExecutorService pool;

    IngestWorker(
            IngestConfig config,
            InboxService inbox,
            DeliveryProcessor processor,
            ScaleKeyGate keyGate,
            ScaleThrottle throttle) {
        this.config = config;
        this.inbox = inbox;
        this.processor = processor;
        this.keyGate = keyGate;
        this.throttle = throttle;
    }

    void onStart(@Observes StartupEvent event) {
        if (config.worker().enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        pool = Executors.newFixedThreadPool(config.worker().concurrency(), r -> {
            Thread thread = new Thread(r, "ingest-fetch");
            thread.setDaemon(true);
            return thread;
        });
        dispatcher = new Thread(this::dispatch, "ingest-dispatcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
        LOG.infof(
                "ingest worker %s started: %d concurrent fetches",
                workerId, config.worker().concurrency());
    }

    /**
     * Stops claiming, lets in-flight fetches finish within the shutdown grace, then gives back
     * whatever is still claimed so another replica takes it at once.
     */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wake.release();
        LOG.infof("ingest worker %s stopping; %d fetches in flight", workerId, inFlight.get());
        try {
            dispatcher.join(config.shutdownGrace().toMillis());
            pool.shutdown();
            if (!pool.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
        int released = inbox.releaseAll(workerId);
        // Fetches cut short by the shutdown gave their claims back themselves; these were left.
        LOG.infof("ingest worker %s stopped; %d claims still held were given back", workerId, released);
    }

    /** Asks the dispatcher to look at the inbox now (a callback was just accepted). */
    public void wakeUp() {
        wake.release();
    }

    public boolean isRunning() {
        return running && dispatcher != null && dispatcher.isAlive();
    }

    /** When the dispatcher last looked at the inbox; null before it first did. */
    public Instant lastPoll() {
        return lastPoll;
    }

    private void dispatch() {
        while (running) {
            try {
                int claimed = claimAndSubmit();
                if (claimed == 0 || inFlight.get() >= config.worker().concurrency()) {
                    wake.tryAcquire(config.worker().pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (DatabaseFailures.unavailable(e)) {
                    // Every poll while the database is away: one line each, not a stack trace.
                    LOG.warnf("ingest dispatcher cannot reach the database; will retry: %s", e.getMessage());
                } else {
                    LOG.warn("ingest dispatcher could not claim deliveries; will retry", e);
                }
                sleepQuietly();
            }
        }
    }

    private int claimAndSubmit() {
        lastPoll = Instant.now();
        int free = config.worker().concurrency() - inFlight.get();
        if (free <= 0 || throttle.isHoldingBack()) {
            return 0;
        }
        if (keyGate.lastRejection().isPresent()) {
            keyGate.probeDue().ifPresent(processor::probeKey);
            if (keyGate.lastRejection().isPresent()) {
                return 0;
            }
        }
        DeliveryRepository.Claimed claimed = inbox.claim(
                workerId,
                Math.min(free, config.worker().batchSize()),
                config.worker().lease());
        processor.abandoned(claimed.abandoned());
        for (Claim claim : claimed.claims()) {
            inFlight.incrementAndGet();
            pool.execute(() -> work(claim));
        }
        return claimed.claims().size();
    }

    private void work(Claim claim) {
        try {
            processor.process(claim, workerId, () -> !running);
        } catch (RuntimeException | Error e) {
            // An Error too (a missing reflection registration in the native image, a stack overflow):
            // the delivery is retried within its caps and the pool thread lives on.
            LOG.errorf(e, "task %s: unexpected failure", claim.taskId());
            processor.unexpectedFailure(claim, workerId);
        } finally {
            inFlight.decrementAndGet();
            wake.release();
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(config.worker().pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
