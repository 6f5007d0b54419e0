package io.annotationstore.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Writes accepted callbacks to the inbox in groups (group commit). A request hands its callback to
 * a writer thread and waits until the statement holding it has committed, so the 202 still means
 * "durably recorded". Each writer takes whatever callbacks are waiting, up to
 * {@code ingest.inbox.max-batch}, and writes them with one statement and one commit; under light
 * load that is a single callback and the latency of a single insert.
 *
 * <p>Why: with a statement and a commit per callback, PostgreSQL's CPU per callback was about
 * what the whole HTTP path cost (bench/ingest/RESULTS.md).
 */
@ApplicationScoped
public class CallbackWriter {

    private static final Logger LOG = Logger.getLogger(CallbackWriter.class);

    /** Bodies per statement, in characters: bounds the arrays one statement sends. */
    private static final long MAX_BATCH_CHARS = 8L * 1024 * 1024;

    private final DeliveryRepository deliveries;
    private final IngestConfig.Inbox config;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    private volatile boolean running;
    private final List<Thread> writers = new ArrayList<>();

    CallbackWriter(DeliveryRepository deliveries, IngestConfig config) {
        this.deliveries = deliveries;
        this.config = config.inbox();
    }

    private record Pending(DeliveryRepository.Enqueue request, CompletableFuture<String> state) {}

    void onStart(@Observes StartupEvent event) {
        if (config.writers() < 1 || config.maxBatch() < 1) {
            // Without a writer every callback would wait for ever.
            throw new IllegalStateException("ingest.inbox.writers and ingest.inbox.max-batch must be at least 1");
        }
        running = true;
        for (int i = 0; i < config.writers(); i++) {
            Thread writer = new Thread(this::writeLoop, "inbox-writer-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Writes what is still waiting, then stops; later callbacks are written by their request. */
    void onStop(@Observes ShutdownEvent event) {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Records a callback; returns once it is committed.
     *
     * @return the delivery's state afterwards
     */
    public String accept(DeliveryRepository.Enqueue request) {
        Pending pending = new Pending(request, new CompletableFuture<>());
        queue.add(pending);
        // A writer that stopped meanwhile may not see it: if it is still there, it is ours to write.
        if (!running && queue.remove(pending)) {
            return deliveries.enqueue(List.of(request)).get(request.taskId());
        }
        try {
            return pending.state().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a callback", e);
        }
    }

    private void writeLoop() {
        List<Pending> setAside = new ArrayList<>();
        while (running || !queue.isEmpty() || !setAside.isEmpty()) {
            try {
                setAside = writeNext(setAside);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("inbox writer failed; continuing", e);
            }
        }
    }

    /**
     * Writes one group: the callbacks set aside last time, then what is waiting. A second callback
     * for a task already in the group waits for the next one (a statement changes a row once).
     *
     * @return the callbacks set aside for the next group
     */
    private List<Pending> writeNext(List<Pending> setAside) throws InterruptedException {
        List<Pending> group = new ArrayList<>();
        List<Pending> next = new ArrayList<>();
        Set<String> taskIds = new HashSet<>();
        long chars = 0;
        for (Pending pending : setAside) {
            chars += add(pending, group, taskIds, next);
        }
        if (group.isEmpty()) {
            Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return next;
            }
            chars += add(first, group, taskIds, next);
        }
        while (group.size() < config.maxBatch() && chars < MAX_BATCH_CHARS) {
            Pending pending = queue.poll();
            if (pending == null) {
                break;
            }
            chars += add(pending, group, taskIds, next);
        }
        write(group);
        return next;
    }

    private static long add(Pending pending, List<Pending> group, Set<String> taskIds, List<Pending> next) {
        if (!taskIds.add(pending.request().taskId())) {
            next.add(pending);
            return 0;
        }
        group.add(pending);
        String body = pending.request().callbackBody();
        return body == null ? 0 : body.length();
    }

    private void write(List<Pending> group) {
        try {
            var states = deliveries.enqueue(group.stream().map(Pending::request).toList());
            for (Pending pending : group) {
                pending.state().complete(states.get(pending.request().taskId()));
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).state().completeExceptionally(e);
                return;
            }
            // One callback the database refuses must not fail the others: write each alone.
            LOG.warnf(e, "writing %d callbacks together failed; writing each alone", group.size());
            for (Pending pending : group) {
                write(List.of(pending));
            }
        }
    }
}
