package io.annotationstore.ingest.backfill;

import io.annotationstore.infra.DatabaseFailures;
import io.annotationstore.ingest.IngestConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Optional safety net for lost callbacks: every {@code ingest.reconcile.every} it backfills each
 * configured project's tasks completed in the last {@code every + overlap}. Replicas agree
 * through the database: a project reconciled within half an interval is not started again.
 */
@ApplicationScoped
public class Reconciler {

    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final IngestConfig.Reconcile config;
    private final BackfillService backfills;
    private final BackfillRepository repository;

    Reconciler(IngestConfig config, BackfillService backfills, BackfillRepository repository) {
        this.config = config.reconcile();
        this.backfills = backfills;
        this.repository = repository;
    }

    @Scheduled(
            every = "${ingest.reconcile.every}",
            delayed = "30s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void reconcile() {
        DatabaseFailures.runScheduled("reconciliation", () -> {
            if (!config.enabled()) {
                return;
            }
            for (String project : config.projects().orElse(List.of())) {
                QuarkusTransaction.requiringNew().run(() -> reconcile(project, Instant.now()));
            }
        });
    }

    void reconcile(String project, Instant now) {
        repository
                .getEntityManager()
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(?1, 7))) l")
                .setParameter(1, "reconcile:" + project)
                .getSingleResult();
        if (repository.reconciledSince(project, now.minus(config.every().dividedBy(2)))) {
            return;
        }
        Instant after = now.minus(config.every()).minus(config.overlap());
        long id = backfills
                .create(null, project, null, null, after, BackfillService.ORIGIN_RECONCILE)
                .id();
        LOG.infof("reconciliation of %s since %s queued as backfill %d", project, after, id);
    }
}
