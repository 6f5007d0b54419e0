package io.annotationstore.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The writer thread meets what no database answer explains; no request may wait for ever. */
class CallbackWriterFailureTest {

    private static IngestConfig config() {
        IngestConfig.Inbox inbox = (IngestConfig.Inbox) Proxy.newProxyInstance(
                IngestConfig.class.getClassLoader(),
                new Class<?>[] {IngestConfig.Inbox.class},
                (p, m, a) -> switch (m.getName()) {
                    case "writers" -> 1;
                    case "maxBatch" -> 100;
                    case "groupWait" -> Duration.ofMillis(200);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (IngestConfig) Proxy.newProxyInstance(
                IngestConfig.class.getClassLoader(),
                new Class<?>[] {IngestConfig.class},
                (p, m, a) -> switch (m.getName()) {
                    case "inbox" -> inbox;
                    case "duplicateWindow" -> Duration.ofMinutes(10);
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** Its first group fails with an OutOfMemoryError; everything else is "queued". */
    private static class Inbox extends DeliveryRepository {
        final AtomicInteger groups = new AtomicInteger();
        final AtomicInteger alone = new AtomicInteger();

        Inbox() {
            super(config(), null);
        }

        @Override
        public Map<String, String> enqueueGroup(List<Enqueue> requests, Duration lockTimeout) {
            if (groups.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated");
            }
            return queued(requests);
        }

        @Override
        public Map<String, String> enqueue(List<Enqueue> requests) {
            alone.incrementAndGet();
            return queued(requests);
        }

        private static Map<String, String> queued(List<Enqueue> requests) {
            Map<String, String> states = new HashMap<>();
            requests.forEach(r -> states.put(r.taskId(), "queued"));
            return states;
        }
    }

    /** Its groups never come back, as on a connection to a primary that silently went away. */
    private static class HungInbox extends Inbox {
        final CountDownLatch hang = new CountDownLatch(1);

        @Override
        public Map<String, String> enqueueGroup(List<Enqueue> requests, Duration lockTimeout) {
            try {
                hang.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Inbox.queued(requests);
        }
    }

    private static CompletableFuture<String> accept(CallbackWriter writer, String taskId) {
        return CompletableFuture.supplyAsync(
                () -> writer.accept(new DeliveryRepository.Enqueue(taskId, "callback", "{}", "h")));
    }

    @Test
    void anErrorInTheWriterLetsTheRequestWriteAloneAndTheWriterGoesOn() throws Exception {
        Inbox inbox = new Inbox();
        CallbackWriter writer = new CallbackWriter(inbox, config());
        writer.onStart(null);
        try {
            assertEquals("queued", accept(writer, "task_1").get(5, TimeUnit.SECONDS));
            assertEquals(1, inbox.alone.get());
            assertEquals("queued", accept(writer, "task_2").get(5, TimeUnit.SECONDS));
            assertEquals(2, inbox.groups.get());
            assertEquals(1, inbox.alone.get());
        } finally {
            writer.onStop(null);
        }
    }

    @Test
    void aWriterThatNeverAnswersLetsEachRequestWriteAloneAfterTheGroupWait() throws Exception {
        HungInbox inbox = new HungInbox();
        CallbackWriter writer = new CallbackWriter(inbox, config());
        writer.onStart(null);
        try {
            assertEquals("queued", accept(writer, "task_1").get(5, TimeUnit.SECONDS));
            assertEquals("queued", accept(writer, "task_2").get(5, TimeUnit.SECONDS));
            assertEquals(2, inbox.alone.get());
        } finally {
            inbox.hang.countDown();
            writer.onStop(null);
        }
    }
}
