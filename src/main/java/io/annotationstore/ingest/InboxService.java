package io.annotationstore.ingest;

import io.annotationstore.infra.ProblemException;
import io.annotationstore.scale.ScaleTask;
import io.annotationstore.task.StoreOutcome;
import io.annotationstore.task.TaskStoreService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Transactions around the inbox: accepting work, and ending claims. */
@ApplicationScoped
public class InboxService {

    public static final String SOURCE_CALLBACK = "callback";
    public static final String SOURCE_REFRESH = "refresh";
    public static final String SOURCE_BACKFILL = "backfill";

    private final DeliveryRepository deliveries;
    private final CallbackWriter callbacks;
    private final TaskStoreService store;
    private final IngestConfig config;

    InboxService(DeliveryRepository deliveries, CallbackWriter callbacks, TaskStoreService store, IngestConfig config) {
        this.deliveries = deliveries;
        this.callbacks = callbacks;
        this.store = store;
        this.config = config;
    }

    /**
     * Records a verified callback durably; committed when this returns (auto-committed statements
     * grouping concurrent callbacks: no transaction manager on the webhook's hot path).
     *
     * @return the delivery's state afterwards
     */
    public String acceptCallback(String taskId, String body, String bodyHash) {
        return callbacks.accept(new DeliveryRepository.Enqueue(taskId, SOURCE_CALLBACK, body, bodyHash));
    }

    /** Queues a fetch that no callback asked for (an operator's refresh). */
    @Transactional
    public String enqueue(String taskId, String source) {
        return deliveries.enqueue(taskId, source, null, null);
    }

    /**
     * Queues the fetch of each task a backfill page listed: every one for a backfill an operator
     * asked for (a re-sync); for a reconciliation, which re-lists the same tasks every run, only
     * those never heard of or whose fetch failed for good (a 404 before Scale listed the task, an
     * outage longer than the retries), since Scale will not call again for them.
     *
     * @return how many tasks were queued; only those count in the backfill's progress
     */
    @Transactional
    public int enqueueBackfilled(List<String> taskIds, long backfillId, boolean reconciling) {
        List<String> distinct = taskIds.stream().distinct().toList();
        List<String> queued = reconciling ? deliveries.unknownOrFailed(distinct) : distinct;
        deliveries.enqueue(queued.stream()
                .map(taskId -> new DeliveryRepository.Enqueue(taskId, SOURCE_BACKFILL, null, null))
                .toList());
        deliveries.recordBackfilled(queued, backfillId);
        return queued.size();
    }

    /** @throws ProblemException 404 when there is no delivery, 409 when it has not failed */
    @Transactional
    public Delivery retryFailed(String taskId) {
        Delivery delivery = deliveries
                .findByTaskId(taskId)
                .orElseThrow(() -> ProblemException.notFound("no delivery for task " + taskId));
        if (!deliveries.requeueFailed(taskId)) {
            throw ProblemException.conflict(
                    "the delivery is " + delivery.state + "; only failed deliveries are retried");
        }
        deliveries.getEntityManager().refresh(delivery);
        return delivery;
    }

    /** Claims due deliveries; see {@link DeliveryRepository#claim} for those it gives up on instead. */
    @Transactional
    public DeliveryRepository.Claimed claim(String workerId, int limit, Duration lease) {
        return deliveries.claim(
                workerId,
                limit,
                lease,
                config.retry().maxAttempts(),
                config.retry().maxAge());
    }

    /**
     * Stores the fetched task and ends the claim in one transaction, so a task is never stored
     * by a worker that no longer holds the claim.
     *
     * @throws LostClaimException when the lease expired and another worker took the delivery
     */
    @Transactional
    public StoreOutcome storeFetched(Claim claim, String workerId, ScaleTask task, String document, String hash) {
        StoreOutcome outcome = store.store(task, document, hash);
        if (!deliveries.markStored(claim, workerId)) {
            throw new LostClaimException(claim);
        }
        return outcome;
    }

    @Transactional
    public boolean retryLater(Claim claim, String workerId, Instant at, Integer status, String error) {
        return deliveries.markRetry(claim, workerId, at, status, error);
    }

    @Transactional
    public Optional<DeliveryState> fail(Claim claim, String workerId, Integer status, String error) {
        return deliveries.markFailed(claim, workerId, status, error);
    }

    /** A task Scale has served us, to ask it whether it still accepts our key. */
    @Transactional
    public Optional<String> anyStoredTaskId() {
        return deliveries.anyStoredTaskId();
    }

    @Transactional
    public boolean requeueKeyRejected(String taskId) {
        return deliveries.requeueKeyRejected(taskId);
    }

    @Transactional
    public boolean release(Claim claim, String workerId, Instant at) {
        return deliveries.release(claim, workerId, at);
    }

    @Transactional
    public int releaseAll(String workerId) {
        return deliveries.releaseAll(workerId);
    }

    /** The claim is no longer ours; the transaction that noticed it rolls back. */
    public static class LostClaimException extends RuntimeException {
        public LostClaimException(Claim claim) {
            super("lost the claim on delivery " + claim.id(), null, false, false);
        }
    }
}
