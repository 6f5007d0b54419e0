package io.annotationstore.ingest.backfill;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.annotationstore.infra.DatabaseFailures;
import io.annotationstore.ingest.InboxService;
import io.annotationstore.ingest.IngestConfig;
import io.annotationstore.ingest.IngestWorker;
import io.annotationstore.ingest.RetryPolicy;
import io.annotationstore.scale.InvalidTaskDocumentException;
import io.annotationstore.scale.ScaleFetch;
import io.annotationstore.scale.ScaleGateway;
import io.annotationstore.scale.ScaleJson;
import io.annotationstore.scale.ScaleListQuery;
import io.annotationstore.scale.ScaleTaskPage;
import io.annotationstore.scale.ScaleTaskPages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Works running backfills: claims one under a lease, reads its pages from Scale one by one,
 * queues each task id and checkpoints {@code next_token} after every page.
 */
@ApplicationScoped
public class BackfillRunner {

    private static final Logger LOG = Logger.getLogger(BackfillRunner.class);

    private final BackfillRepository backfills;
    private final ScaleGateway scale;
    private final ScaleJson json;
    private final InboxService inbox;
    private final IngestWorker worker;
    private final RetryPolicy retryPolicy;
    private final IngestConfig.Backfill config;
    private final String runnerId = "backfill-" + UUID.randomUUID();
    private volatile boolean stopping;

    BackfillRunner(
            BackfillRepository backfills,
            ScaleGateway scale,
            ScaleJson json,
            InboxService inbox,
            IngestWorker worker,
            RetryPolicy retryPolicy,
            IngestConfig config) {
        this.backfills = backfills;
        this.scale = scale;
        this.json = json;
        this.inbox = inbox;
        this.worker = worker;
        this.retryPolicy = retryPolicy;
        this.config = config.backfill();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    @Scheduled(
            every = "${ingest.backfill.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void runDue() {
        DatabaseFailures.runScheduled("backfill run", () -> {
            Optional<Long> claimed;
            while (!stopping
                    && (claimed = QuarkusTransaction.requiringNew()
                                    .call(() -> backfills.claim(runnerId, config.lease())))
                            .isPresent()) {
                run(claimed.get());
            }
        });
    }

    private void run(long id) {
        Backfill backfill = QuarkusTransaction.requiringNew().call(() -> backfills.findById(id));
        ScaleListQuery query = new ScaleListQuery(
                backfill.projectId,
                backfill.projectName,
                backfill.batchId,
                backfill.batchName,
                backfill.completedAfter);
        String token = backfill.nextToken;
        do {
            if (stopping) {
                QuarkusTransaction.requiringNew().run(() -> backfills.release(id, runnerId));
                return;
            }
            Optional<String> next = page(backfill, query, token);
            if (next == null) {
                return;
            }
            token = next.orElse(null);
        } while (token != null);
        LOG.infof("backfill %d finished", id);
    }

    /** @return the next token (empty on the last page), or null when this run must stop */
    private Optional<String> page(Backfill backfill, ScaleListQuery query, String token) {
        ScaleFetch fetch = scale.listCompletedTasks(query, token, config.pageSize());
        if (fetch.kind() != ScaleFetch.Kind.FOUND) {
            failed(backfill, fetch.kind() == ScaleFetch.Kind.RETRYABLE, fetch.status() + ": " + fetch.message());
            return null;
        }
        ScaleTaskPage page;
        try {
            page = ScaleTaskPages.parse(json.read(fetch.body()));
        } catch (JsonProcessingException | InvalidTaskDocumentException e) {
            failed(backfill, true, "Scale answered a malformed task list");
            return null;
        }
        boolean reconciling = BackfillService.ORIGIN_RECONCILE.equals(backfill.origin);
        boolean saved = QuarkusTransaction.requiringNew().call(() -> {
            int queued = inbox.enqueueBackfilled(page.taskIds(), backfill.id, reconciling);
            return backfills.savePage(
                    backfill.id, runnerId, page.nextToken(), page.taskIds().size(), queued, config.lease());
        });
        worker.wakeUp();
        if (!saved) {
            LOG.warnf("backfill %d: lease lost; another runner continues it", backfill.id);
            return null;
        }
        return Optional.ofNullable(page.nextToken());
    }

    private void failed(Backfill backfill, boolean retryable, String error) {
        int attempts = QuarkusTransaction.requiringNew().call(() -> backfills.findById(backfill.id)).attempts + 1;
        Instant now = Instant.now();
        Optional<Instant> retryAt = retryable && attempts < config.maxAttempts()
                ? retryPolicy.nextAttempt(attempts, now, null, now)
                : Optional.empty();
        LOG.warnf("backfill %d: page failed (%s)%s", backfill.id, error, retryAt.isEmpty() ? "; giving up" : "");
        QuarkusTransaction.requiringNew()
                .run(() -> backfills.pageFailed(backfill.id, runnerId, error, retryAt.orElse(now), retryAt.isEmpty()));
    }
}
