package io.annotationstore.ingest.backfill;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Backfill rows; claims and checkpoints are single statements guarded by the claimer's id. */
@ApplicationScoped
public class BackfillRepository implements PanacheRepository<Backfill> {

    /** Claims one running backfill whose lease is free or expired; others' are skipped. */
    @SuppressWarnings("unchecked")
    public Optional<Long> claim(String runnerId, Duration lease) {
        List<Number> ids = getEntityManager()
                .createNativeQuery("""
                        with due as (
                            select id from backfill where state = 'running' and lease_until <= now()
                            order by lease_until limit 1 for update skip locked)
                        update backfill b set claimed_by = ?1, lease_until = now() + ?2 * interval '1 millisecond',
                            updated_at = now()
                        from due where b.id = due.id
                        returning b.id
                        """)
                .setParameter(1, runnerId)
                .setParameter(2, lease.toMillis())
                .getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    /** Records a page and renews the lease; false when the claim was lost. */
    public boolean savePage(long id, String runnerId, String nextToken, int seen, int queued, Duration lease) {
        return getEntityManager()
                        .createNativeQuery("""
                                update backfill set pages = pages + 1, tasks_seen = tasks_seen + ?3,
                                    tasks_queued = tasks_queued + ?4, next_token = cast(?5 as text), attempts = 0,
                                    last_error = null, lease_until = now() + ?6 * interval '1 millisecond',
                                    state = case when cast(?5 as text) is null then 'finished' else 'running' end,
                                    finished_at = case when cast(?5 as text) is null then now() end,
                                    claimed_by = case when cast(?5 as text) is null then null else claimed_by end,
                                    updated_at = now()
                                where id = ?1 and claimed_by = ?2 and state = 'running'
                                """)
                        .setParameter(1, id)
                        .setParameter(2, runnerId)
                        .setParameter(3, seen)
                        .setParameter(4, queued)
                        .setParameter(5, nextToken)
                        .setParameter(6, lease.toMillis())
                        .executeUpdate()
                > 0;
    }

    /** Gives the backfill back after a failed page, due again at {@code retryAt}, or fails it. */
    public void pageFailed(long id, String runnerId, String error, Instant retryAt, boolean giveUp) {
        getEntityManager()
                .createNativeQuery("""
                        update backfill set attempts = attempts + 1, last_error = ?3, claimed_by = null,
                            lease_until = ?4, state = case when ?5 then 'failed' else 'running' end,
                            finished_at = case when ?5 then now() end, updated_at = now()
                        where id = ?1 and claimed_by = ?2 and state = 'running'
                        """)
                .setParameter(1, id)
                .setParameter(2, runnerId)
                .setParameter(3, error)
                .setParameter(4, OffsetDateTime.ofInstant(retryAt, ZoneOffset.UTC))
                .setParameter(5, giveUp)
                .executeUpdate();
    }

    /** Gives back a claim on shutdown so another replica continues at once. */
    public void release(long id, String runnerId) {
        getEntityManager()
                .createNativeQuery("update backfill set claimed_by = null, lease_until = now(), updated_at = now()"
                        + " where id = ?1 and claimed_by = ?2 and state = 'running'")
                .setParameter(1, id)
                .setParameter(2, runnerId)
                .executeUpdate();
    }

    /** How many of the tasks this backfill queued are now stored, and how many failed. */
    public long[] deliveryOutcomes(long id) {
        Object[] row = (Object[]) getEntityManager()
                .createNativeQuery(
                        "select count(*) filter (where d.state = 'stored'), count(*) filter (where d.state = 'failed')"
                                + " from backfill_task b join delivery d on d.task_id = b.task_id"
                                + " where b.backfill_id = ?1")
                .setParameter(1, id)
                .getSingleResult();
        return new long[] {((Number) row[0]).longValue(), ((Number) row[1]).longValue()};
    }

    /** Whether a reconciliation of this project started after {@code since} (any replica). */
    public boolean reconciledSince(String projectName, Instant since) {
        return count("origin = 'reconcile' and projectName = ?1 and createdAt > ?2", projectName, since) > 0;
    }
}
