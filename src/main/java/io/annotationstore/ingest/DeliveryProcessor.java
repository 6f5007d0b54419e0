package io.annotationstore.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.annotationstore.scale.InvalidTaskDocumentException;
import io.annotationstore.scale.ScaleDocumentParser;
import io.annotationstore.scale.ScaleFetch;
import io.annotationstore.scale.ScaleGateway;
import io.annotationstore.scale.ScaleJson;
import io.annotationstore.scale.ScaleTask;
import io.annotationstore.task.StoreOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/** Works one claimed delivery: fetch from Scale (no transaction open), then store or record why not. */
@ApplicationScoped
public class DeliveryProcessor {

    private static final Logger LOG = Logger.getLogger(DeliveryProcessor.class);

    private final ScaleGateway scale;
    private final ScaleJson json;
    private final InboxService inbox;
    private final RetryPolicy retryPolicy;
    private final ScaleKeyGate keyGate;
    private final ScaleThrottle throttle;
    private final IngestMetrics metrics;

    DeliveryProcessor(
            ScaleGateway scale,
            ScaleJson json,
            InboxService inbox,
            RetryPolicy retryPolicy,
            ScaleKeyGate keyGate,
            ScaleThrottle throttle,
            IngestMetrics metrics) {
        this.scale = scale;
        this.json = json;
        this.inbox = inbox;
        this.retryPolicy = retryPolicy;
        this.keyGate = keyGate;
        this.throttle = throttle;
        this.metrics = metrics;
    }

    /**
     * @param stopping true once the worker is shutting down: a fetch cut short by the shutdown is
     *     given back uncounted instead of being retried later
     */
    public void process(Claim claim, String workerId, BooleanSupplier stopping) {
        long started = System.nanoTime();
        ScaleFetch fetch = scale.fetchTask(claim.taskId());
        metrics.fetched(fetch, Duration.ofNanos(System.nanoTime() - started));
        if (fetch.kind() == ScaleFetch.Kind.RETRYABLE && stopping.getAsBoolean()) {
            inbox.release(claim, workerId, Instant.now());
            return;
        }
        switch (fetch.kind()) {
            case FOUND -> store(claim, workerId, fetch.body());
            case ABSENT, PERMANENT -> fail(claim, workerId, fetch.status(), fetch.message());
            case REJECTED_KEY -> keyRejected(claim, workerId, fetch);
            case RETRYABLE -> {
                if (Integer.valueOf(429).equals(fetch.status())) {
                    throttle.holdBack(
                            fetch.retryAfterHint().map(retryPolicy::honoured).orElse(retryPolicy.initialBackoff()));
                }
                retry(claim, workerId, fetch.status(), fetch.message(), fetch.retryAfter());
            }
        }
    }

    private void store(Claim claim, String workerId, String body) {
        keyGate.accepted().ifPresent(this::keyWorksAgain);
        ScaleTask task;
        String hash;
        try {
            JsonNode document = json.read(body);
            task = ScaleDocumentParser.parse(document);
            hash = json.contentHash(document);
        } catch (JsonProcessingException e) {
            retry(claim, workerId, 200, "Scale answered malformed JSON", null);
            return;
        } catch (InvalidTaskDocumentException e) {
            fail(claim, workerId, 200, "Scale answered an unusable task document: " + e.getMessage());
            return;
        }
        if (!task.taskId().equals(claim.taskId())) {
            fail(claim, workerId, 200, "Scale answered a different task (" + task.taskId() + ")");
            return;
        }
        try {
            StoreOutcome outcome = inbox.storeFetched(claim, workerId, task, body, hash);
            metrics.stored(outcome, claim.queuedAt());
            LOG.debugf("task %s: %s", claim.taskId(), outcome);
        } catch (InboxService.LostClaimException e) {
            LOG.warnf("task %s: claim expired before the fetch finished; another worker has it", claim.taskId());
        }
    }

    /**
     * Something failed that no answer of Scale explains (a bug, the database): retried within the
     * usual limits rather than left to the lease, so it is visible and bounded.
     */
    void unexpectedFailure(Claim claim, String workerId) {
        try {
            retry(claim, workerId, null, "internal error while processing the task; see the service log", null);
        } catch (RuntimeException e) {
            LOG.warnf("task %s: could not record the failure; the lease will expire", claim.taskId());
        }
    }

    private void keyRejected(Claim claim, String workerId, ScaleFetch fetch) {
        if (keyGate.reject(claim.taskId(), fetch.status(), fetch.message())) {
            LOG.errorf("Scale rejected our API key (HTTP %d); fetching paused. Check scale.api.key.", fetch.status());
            fail(claim, workerId, fetch.status(), "Scale rejected the API key: " + fetch.message());
        } else {
            inbox.release(claim, workerId, keyGate.reopensAt());
        }
    }

    /**
     * Once a key pause is over, asks Scale again before any delivery is claimed: for a task it
     * served before if there is one, else for the refused task. A 401, or no answer, pauses once
     * more. Any other answer, a 403 too, shows Scale authenticates the key (a 403 may concern one
     * task alone), so fetching resumes; a key that Scale refuses with 403 everywhere then costs
     * one failed delivery per pause, not the queue.
     */
    public void probeKey(ScaleKeyGate.Rejection rejection) {
        String probe = inbox.anyStoredTaskId().orElse(rejection.taskId());
        long started = System.nanoTime();
        ScaleFetch fetch = scale.fetchTask(probe);
        metrics.fetched(fetch, Duration.ofNanos(System.nanoTime() - started));
        if (fetch.kind() == ScaleFetch.Kind.REJECTED_KEY && Integer.valueOf(401).equals(fetch.status())) {
            keyGate.stillRejected(fetch.status(), fetch.message());
            LOG.warnf("Scale still rejects our API key (HTTP 401); fetching stays paused");
        } else if (fetch.kind() == ScaleFetch.Kind.RETRYABLE) {
            keyGate.stillRejected(rejection.status(), rejection.message());
            LOG.warnf("could not ask Scale whether it accepts our API key again: %s", fetch.message());
        } else {
            keyGate.accepted().ifPresent(this::keyWorksAgain);
        }
    }

    /** A 401 was about the key, which works now: its delivery is queued again. A 403 stays with its task. */
    private void keyWorksAgain(ScaleKeyGate.Rejection rejection) {
        boolean requeued = rejection.status() == 401 && inbox.requeueKeyRejected(rejection.taskId());
        LOG.infof(
                "Scale accepts our API key again; fetching resumes%s",
                requeued ? ", task " + rejection.taskId() + " queued again" : "");
    }

    private void retry(Claim claim, String workerId, Integer status, String message, Duration retryAfter) {
        Instant now = Instant.now();
        Optional<Instant> next = retryPolicy.nextAttempt(claim.attempts(), claim.queuedAt(), retryAfter, now);
        if (next.isPresent()) {
            inbox.retryLater(claim, workerId, next.get(), status, message);
        } else {
            fail(claim, workerId, status, "gave up after " + claim.attempts() + " attempts: " + message);
        }
    }

    private void fail(Claim claim, String workerId, Integer status, String message) {
        Optional<DeliveryState> state = inbox.fail(claim, workerId, status, message);
        if (state.isEmpty()) {
            LOG.warnf("task %s: claim expired before the fetch failed; another worker has it", claim.taskId());
        } else if (state.get() == DeliveryState.QUEUED) {
            LOG.infof(
                    "task %s: fetch failed (%s: %s); a callback came meanwhile, queued again",
                    claim.taskId(), status, message);
        } else {
            LOG.infof("task %s: fetch failed for good (%s): %s", claim.taskId(), status, message);
            metrics.failed();
        }
    }

    /** Deliveries the claim statement gave up on (their fetch outlived its lease too often). */
    void abandoned(List<String> taskIds) {
        for (String taskId : taskIds) {
            LOG.errorf("task %s: failed for good, its fetch never finished within the lease", taskId);
            metrics.failed();
        }
    }
}
