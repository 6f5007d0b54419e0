package io.annotationstore.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inbox. Every state change is one SQL statement so that concurrent callbacks, workers and
 * replicas agree without application locks; callers provide the transaction.
 */
@ApplicationScoped
public class DeliveryRepository implements PanacheRepository<Delivery> {

    private final Duration duplicateWindow;

    private final AgroalDataSource dataSource;

    DeliveryRepository(IngestConfig config, AgroalDataSource dataSource) {
        this.duplicateWindow = config.duplicateWindow();
        this.dataSource = dataSource;
    }

    /** One request to queue a fetch; a callback carries its raw body and that body's hash. */
    public record Enqueue(String taskId, String source, String callbackBody, String callbackHash) {}

    /** {@link #enqueue(List)} of one task. */
    public String enqueue(String taskId, String source, String callbackBody, String callbackHash) {
        return enqueue(List.of(new Enqueue(taskId, source, callbackBody, callbackHash)))
                .get(taskId);
    }

    /**
     * Queues a fetch of each task, in one statement: inserts the row, or re-queues a stored/failed
     * one. A queued row absorbs the request; a row being fetched is marked to fetch again
     * afterwards. A repeat of the callback the last fetch was claimed under (same body hash,
     * within {@code ingest.duplicate-window}) is a duplicate delivery and changes nothing.
     *
     * @param requests at most one per task id (one statement cannot change a row twice)
     * @return each task id's state after the change
     */
    public Map<String, String> enqueue(List<Enqueue> requests) {
        return enqueue(requests, null);
    }

    /**
     * {@link #enqueue(List)} that waits at most {@code lockTimeout} for a row another transaction
     * holds, and then fails: a group of callbacks is never held up long by one row. For use
     * outside a transaction only (the setting lasts until the transaction ends).
     */
    public Map<String, String> enqueueGroup(List<Enqueue> requests, Duration lockTimeout) {
        return enqueue(requests, lockTimeout);
    }

    private Map<String, String> enqueue(List<Enqueue> requests, Duration lockTimeout) {
        // Rows are locked in task-id order by every such statement, so two never deadlock.
        List<Enqueue> sorted =
                requests.stream().sorted(Comparator.comparing(Enqueue::taskId)).toList();
        int n = sorted.size();
        String[] taskIds = new String[n];
        String[] sources = new String[n];
        Integer[] callbacks = new Integer[n];
        String[] bodies = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            Enqueue request = sorted.get(i);
            taskIds[i] = request.taskId();
            sources[i] = request.source();
            callbacks[i] = request.callbackBody() == null ? 0 : 1;
            bodies[i] = request.callbackBody();
            hashes[i] = request.callbackHash();
        }
        // Plain JDBC: the webhook's throughput is bounded by this statement.
        // Inside a transaction the data source hands out the transaction's connection.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(ENQUEUE)) {
            statement.setLong(1, duplicateWindow.toMillis());
            statement.setArray(2, connection.createArrayOf("text", taskIds));
            statement.setArray(3, connection.createArrayOf("text", sources));
            statement.setArray(4, connection.createArrayOf("integer", callbacks));
            statement.setArray(5, connection.createArrayOf("text", bodies));
            statement.setArray(6, connection.createArrayOf("text", hashes));
            statement.setString(7, lockTimeout == null ? null : String.valueOf(lockTimeout.toMillis()));
            Map<String, String> states = new HashMap<>(n * 2);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    states.put(result.getString(1), result.getString(2));
                }
            }
            return states;
        } catch (SQLException e) {
            throw new IllegalStateException("could not queue " + (n == 1 ? "task " + taskIds[0] : n + " tasks"), e);
        }
    }

    /** Those of {@code taskIds} with no delivery, or one that failed for good, in the order given. */
    public List<String> unknownOrFailed(List<String> taskIds) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select t.task_id from unnest(?) with ordinality as t(task_id, n)
                        where not exists (select 1 from delivery d where d.task_id = t.task_id and d.state <> 'failed')
                        order by t.n
                        """)) {
            statement.setArray(1, connection.createArrayOf("text", taskIds.toArray()));
            List<String> found = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(result.getString(1));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up " + taskIds.size() + " tasks", e);
        }
    }

    /** Remembers which tasks a backfill queued, for its progress report. */
    public void recordBackfilled(List<String> taskIds, long backfillId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "insert into backfill_task (backfill_id, task_id) select ?, unnest(?) on conflict do nothing")) {
            statement.setLong(1, backfillId);
            statement.setArray(2, connection.createArrayOf("text", taskIds.toArray()));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the tasks of backfill " + backfillId, e);
        }
    }

    /** The same callback as the one the last fetch was claimed under: that fetch covers it. */
    private static final String SAME_AS_CLAIMED =
            "coalesce(excluded.last_callback_hash = delivery.claimed_hash, false)";

    /** A finished delivery goes back to the queue unless this is a prompt repeat of its last callback. */
    private static final String REQUEUE = "(delivery.state in ('stored', 'failed') and not (" + SAME_AS_CLAIMED
            + " and delivery.claimed_at > (select duplicate_after from w)))";

    private static final String ENQUEUE = """
            with w as (select now() - cast(? as bigint) * interval '1 millisecond' as duplicate_after)
            insert into delivery (task_id, state, source, attempts, next_attempt_at, callback_count, last_callback_body,
                                  last_callback_hash, received_at, queued_at, updated_at)
            select task_id, 'queued', source, 0, now(), callbacks, body, hash, now(), now(), now()
            from unnest(cast(? as text[]), cast(? as text[]), cast(? as integer[]), cast(? as text[]),
                        cast(? as text[])) as p(task_id, source, callbacks, body, hash)
            -- Once, before any row is locked (a one-time filter), and in the statement's own round
            -- trip: a SET LOCAL and an explicit transaction cost a tenth of the throughput.
            where (select set_config('lock_timeout', coalesce(?, current_setting('lock_timeout')), true)) is not null
            on conflict (task_id) do update set
                requeue_requested = delivery.requeue_requested
                    or (delivery.state = 'fetching' and not %s),
                state = case when %s then 'queued' else delivery.state end,
                source = case when %s then excluded.source else delivery.source end,
                attempts = case when %s then 0 else delivery.attempts end,
                next_attempt_at = case when %s then now() else delivery.next_attempt_at end,
                queued_at = case when %s then now() else delivery.queued_at end,
                callback_count = delivery.callback_count + excluded.callback_count,
                last_callback_body = coalesce(excluded.last_callback_body, delivery.last_callback_body),
                last_callback_hash = coalesce(excluded.last_callback_hash, delivery.last_callback_hash),
                updated_at = now()
            returning task_id, state
            """.formatted(SAME_AS_CLAIMED, REQUEUE, REQUEUE, REQUEUE, REQUEUE, REQUEUE);

    /** What one claim statement did: the deliveries now ours, and those it gave up on. */
    public record Claimed(List<Claim> claims, List<String> abandoned) {}

    /**
     * Claims up to {@code limit} deliveries that are due, or whose previous claim's lease ran
     * out (its worker died). Rows other workers hold are skipped, not waited for. A lease that ran
     * out on the last attempt allowed, or past the maximum age, fails the delivery instead: a
     * document that stops every worker fetching it (or a crash loop) must not be claimed for ever.
     * Unless a callback came during that fetch: then it is claimed afresh, as a new delivery.
     */
    @SuppressWarnings("unchecked")
    public Claimed claim(String workerId, int limit, Duration lease, int maxAttempts, Duration maxAge) {
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("""
                        with due as (
                            select id,
                                   state = 'fetching' and not requeue_requested and over_caps as abandoned,
                                   state = 'fetching' and requeue_requested and over_caps as afresh
                            from delivery,
                                 lateral (select attempts >= ?4
                                                 or queued_at < now() - ?5 * interval '1 millisecond' as over_caps) c
                            where (state = 'queued' and next_attempt_at <= now())
                               or (state = 'fetching' and lease_until < now())
                            order by next_attempt_at
                            limit ?1
                            for update of delivery skip locked)
                        update delivery d
                        set state = case when due.abandoned then 'failed' else 'fetching' end,
                            attempts = case when due.abandoned then d.attempts
                                            when due.afresh then 1 else d.attempts + 1 end,
                            queued_at = case when due.afresh then now() else d.queued_at end,
                            claimed_by = case when due.abandoned then null else ?2 end,
                            claimed_hash = case when due.abandoned then d.claimed_hash else d.last_callback_hash end,
                            claimed_at = case when due.abandoned then d.claimed_at else now() end,
                            lease_until = case when due.abandoned then null
                                               else now() + ?3 * interval '1 millisecond' end,
                            last_error_status = case when due.abandoned then null else d.last_error_status end,
                            last_error = case when due.abandoned
                                then 'gave up after ' || d.attempts || ' attempts: the last fetch never finished'
                                     || ' (its worker stopped or stalled past its lease)'
                                else d.last_error end,
                            requeue_requested = false, updated_at = now()
                        from due where d.id = due.id
                        returning d.id, d.task_id, d.attempts, d.queued_at, due.abandoned
                        """)
                .setParameter(1, limit)
                .setParameter(2, workerId)
                .setParameter(3, lease.toMillis())
                .setParameter(4, maxAttempts)
                .setParameter(5, maxAge.toMillis())
                .getResultList();
        List<Claim> claims = new ArrayList<>(rows.size());
        List<String> abandoned = new ArrayList<>();
        for (Object[] row : rows) {
            if (Boolean.TRUE.equals(row[4])) {
                abandoned.add((String) row[1]);
            } else {
                claims.add(new Claim(
                        ((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).intValue(), instant(row[3])));
            }
        }
        return new Claimed(claims, abandoned);
    }

    /**
     * Ends a claim with the task stored, or queued again if a newer callback came meanwhile.
     *
     * @return false when the claim was lost (lease expired and taken over): nothing changed
     */
    public boolean markStored(Claim claim, String workerId) {
        return execute("""
                update delivery set
                    state = case when requeue_requested then 'queued' else 'stored' end,
                    attempts = case when requeue_requested then 0 else attempts end,
                    queued_at = case when requeue_requested then now() else queued_at end,
                    next_attempt_at = now(), requeue_requested = false, lease_until = null, claimed_by = null,
                    last_error = null, last_error_status = null, updated_at = now()
                where id = ?1 and claimed_by = ?2 and state = 'fetching'
                """, claim.id(), workerId);
    }

    /** Ends a claim for a later attempt at {@code nextAttemptAt}, recording why this one failed. */
    public boolean markRetry(Claim claim, String workerId, Instant nextAttemptAt, Integer status, String error) {
        return execute(
                """
                update delivery set state = 'queued', next_attempt_at = ?3, last_error_status = cast(?4 as integer),
                    last_error = cast(?5 as text),
                    lease_until = null, claimed_by = null, updated_at = now()
                where id = ?1 and claimed_by = ?2 and state = 'fetching'
                """,
                claim.id(),
                workerId,
                OffsetDateTime.ofInstant(nextAttemptAt, java.time.ZoneOffset.UTC),
                status,
                error);
    }

    /**
     * Ends a claim as failed for good; an operator can retry it. A callback that came during the
     * fetch queues the task again instead (it may name a task Scale has only just made visible).
     *
     * @return the delivery's state afterwards, empty when the claim was lost: nothing changed
     */
    @SuppressWarnings("unchecked")
    public Optional<DeliveryState> markFailed(Claim claim, String workerId, Integer status, String error) {
        List<String> states = getEntityManager()
                .createNativeQuery("""
                        update delivery set
                            state = case when requeue_requested then 'queued' else 'failed' end,
                            attempts = case when requeue_requested then 0 else attempts end,
                            queued_at = case when requeue_requested then now() else queued_at end,
                            next_attempt_at = case when requeue_requested then now() else next_attempt_at end,
                            requeue_requested = false, last_error_status = cast(?3 as integer),
                            last_error = cast(?4 as text), lease_until = null, claimed_by = null, updated_at = now()
                        where id = ?1 and claimed_by = ?2 and state = 'fetching'
                        returning state
                        """)
                .setParameter(1, claim.id())
                .setParameter(2, workerId)
                .setParameter(3, status)
                .setParameter(4, error)
                .getResultList();
        return states.stream().findFirst().flatMap(DeliveryState::parse);
    }

    /** Gives back a claim without counting the attempt, due again at {@code nextAttemptAt}. */
    public boolean release(Claim claim, String workerId, Instant nextAttemptAt) {
        return execute("""
                update delivery set state = 'queued', attempts = greatest(attempts - 1, 0), next_attempt_at = ?3,
                    lease_until = null, claimed_by = null, updated_at = now()
                where id = ?1 and claimed_by = ?2 and state = 'fetching'
                """, claim.id(), workerId, OffsetDateTime.ofInstant(nextAttemptAt, java.time.ZoneOffset.UTC));
    }

    /**
     * Gives back every claim a worker still holds (shutdown). Locks its rows in task-id order, like
     * every statement that queues several tasks, so it cannot deadlock with a backfill.
     */
    public int releaseAll(String workerId) {
        return getEntityManager()
                .createNativeQuery("""
                        update delivery d set state = 'queued', attempts = greatest(d.attempts - 1, 0),
                            next_attempt_at = now(), lease_until = null, claimed_by = null, updated_at = now()
                        from (select id from delivery where claimed_by = ?1 and state = 'fetching'
                              order by task_id for update) mine
                        where d.id = mine.id
                        """)
                .setParameter(1, workerId)
                .executeUpdate();
    }

    @SuppressWarnings("unchecked")
    public Optional<String> anyStoredTaskId() {
        List<String> ids = getEntityManager()
                .createNativeQuery("select task_id from delivery where state = 'stored' limit 1")
                .getResultList();
        return ids.stream().findFirst();
    }

    /** Puts a failed delivery back in the queue with a fresh attempt budget. */
    public boolean requeueFailed(String taskId) {
        return requeueFailedWhere(taskId, "");
    }

    /** Puts the delivery back that failed only because Scale rejected our key (401), now that it accepts it. */
    public boolean requeueKeyRejected(String taskId) {
        return requeueFailedWhere(taskId, "and last_error_status = 401");
    }

    private boolean requeueFailedWhere(String taskId, String condition) {
        return getEntityManager()
                        .createNativeQuery("""
                                update delivery set state = 'queued', attempts = 0, next_attempt_at = now(),
                                    queued_at = now(), source = 'retry', updated_at = now()
                                where task_id = ?1 and state = 'failed'
                                """ + condition)
                        .setParameter(1, taskId)
                        .executeUpdate()
                > 0;
    }

    /** Rows of (state, count, seconds since the oldest queued_at) for the metrics. */
    @SuppressWarnings("unchecked")
    public List<Object[]> depthByState() {
        return getEntityManager().createNativeQuery("""
                        select state, count(*),
                               cast(extract(epoch from now() - min(queued_at)) as bigint)
                        from delivery group by state
                        """).getResultList();
    }

    public Optional<Delivery> findByTaskId(String taskId) {
        return find("taskId", taskId).firstResultOptional();
    }

    /** One page of the inbox in id order, optionally of one state. */
    public List<Delivery> page(DeliveryState state, long afterId, int limit) {
        String query = state == null ? "id > :after" : "id > :after and state = :state";
        Parameters parameters = Parameters.with("after", afterId);
        if (state != null) {
            parameters.and("state", state.value());
        }
        return find(query, Sort.by("id"), parameters).page(0, limit).list();
    }

    private boolean execute(String sql, Object... parameters) {
        var query = getEntityManager().createNativeQuery(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.executeUpdate() > 0;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type");
    }
}
