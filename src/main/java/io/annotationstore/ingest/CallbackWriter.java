package io.annotationstore.ingest;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Writes accepted callbacks to the inbox in groups (group commit). A request hands its callback to
 * a writer thread and waits until the statement holding it has committed, so the 202 still means
 * "durably recorded". Each writer takes whatever callbacks are waiting, up to
 * {@code ingest.inbox.max-batch}, and writes them with one statement and one commit; under light
 * load that is a single callback and the latency of a single insert.
 *
 * <p>A group waits at most {@link #GROUP_LOCK_TIMEOUT} for a row another transaction holds. If the
 * group cannot be written for that or any other reason, each request writes its own callback, in
 * its own thread, as before grouping: one locked row or one refused callback holds up or fails
 * only its own request.
 *
 * <p>Why: with a statement and a commit per callback, PostgreSQL's CPU per callback was about
 * what the whole HTTP path cost (bench/ingest/RESULTS.md).
 */
@ApplicationScoped
public class CallbackWriter {

    private static final Logger LOG = Logger.getLogger(CallbackWriter.class);

    /** No callback joins a group once its bodies hold this many characters. */
    private static final long MAX_BATCH_CHARS = 8L * 1024 * 1024;

    /** Rows of the inbox are held only briefly (a claim, the end of a store): longer is trouble. */
    static final Duration GROUP_LOCK_TIMEOUT = Duration.ofMillis(200);

    private final DeliveryRepository deliveries;
    private final IngestConfig.Inbox config;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    private volatile boolean running;
    private final List<Thread> writers = new ArrayList<>();

    CallbackWriter(DeliveryRepository deliveries, IngestConfig config) {
        this.deliveries = deliveries;
        this.config = config.inbox();
    }

    /** A callback and its answer: the state, or null when the request is to write it alone. */
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
     * Records a callback; returns once it is committed, by its group or, when the group takes
     * longer than {@code ingest.inbox.group-wait}, by this request alone.
     *
     * @return the delivery's state afterwards
     */
    public String accept(DeliveryRepository.Enqueue request) {
        Pending pending = new Pending(request, new CompletableFuture<>());
        queue.add(pending);
        // A writer that stopped meanwhile may not see it: if it is still there, it is ours to write.
        if (!running && queue.remove(pending)) {
            return writeAlone(request);
        }
        String state;
        try {
            state = pending.state().get(config.groupWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // Written twice at worst, if the writer comes back: the inbox counts it as a repeat.
            queue.remove(pending);
            LOG.warnf("the inbox writer did not commit within %s; writing a callback alone", config.groupWait());
            return writeAlone(request);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not record the callback", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording a callback", e);
        }
        return state != null ? state : writeAlone(request);
    }

    private String writeAlone(DeliveryRepository.Enqueue request) {
        return deliveries.enqueue(List.of(request)).get(request.taskId());
    }

    /**
     * Runs until shutdown and nothing is left. Every callback taken off the queue is answered, with
     * its state or with the failure that stopped it being written.
     */
    private void writeLoop() {
        List<Pending> setAside = new ArrayList<>();
        while (running || !queue.isEmpty() || !setAside.isEmpty()) {
            List<Pending> group = new ArrayList<>();
            List<Pending> next = new ArrayList<>();
            try {
                gather(setAside, group, next);
                write(group);
            } catch (InterruptedException e) {
                // Nobody else should interrupt this thread; stopping is decided by running alone.
                LOG.warn("inbox writer interrupted; it stops when the service does");
            } catch (Throwable e) {
                // Even an Error (out of memory building a large group) leaves the writer running.
                LOG.error("inbox writer failed; its requests write their callbacks alone", e);
                group.forEach(pending -> pending.state().complete(null));
            }
            setAside = next;
        }
    }

    /**
     * Gathers one group: the callbacks set aside last time, then what is waiting. A second callback
     * for a task already in the group goes to {@code next} (a statement changes a row once).
     */
    private void gather(List<Pending> setAside, List<Pending> group, List<Pending> next) throws InterruptedException {
        Set<String> taskIds = new HashSet<>();
        long chars = 0;
        for (Pending pending : setAside) {
            chars += add(pending, group, taskIds, next);
        }
        if (group.isEmpty()) {
            Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return;
            }
            chars += add(first, group, taskIds, next);
        }
        while (group.size() < config.maxBatch() && chars < MAX_BATCH_CHARS) {
            Pending pending = queue.poll();
            if (pending == null) {
                return;
            }
            chars += add(pending, group, taskIds, next);
        }
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
        if (group.isEmpty()) {
            return;
        }
        Map<String, String> states;
        try {
            states =
                    deliveries.enqueueGroup(group.stream().map(Pending::request).toList(), GROUP_LOCK_TIMEOUT);
        } catch (RuntimeException e) {
            LOG.debugf(e, "%d callbacks could not be written together; each request writes its own", group.size());
            group.forEach(pending -> pending.state().complete(null));
            return;
        }
        for (Pending pending : group) {
            pending.state().complete(states.get(pending.request().taskId()));
        }
    }
}
