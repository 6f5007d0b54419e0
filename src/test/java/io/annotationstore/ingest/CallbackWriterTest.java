package io.annotationstore.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.agroal.api.AgroalDataSource;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Callbacks written to the inbox in groups: each is still recorded, or refused, on its own. */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class CallbackWriterTest {

    @Inject
    Database db;

    @Inject
    IngestWorker worker;

    @Inject
    DeliveryRepository deliveries;

    @Inject
    AgroalDataSource dataSource;

    private final ExecutorService pool = Executors.newFixedThreadPool(40);

    @BeforeEach
    void reset() {
        worker.stop();
        db.clear();
        // The inbox holds up tasks named slow_* and refuses the task named refused.
        db.execute("""
                create or replace function inbox_test_rules() returns trigger language plpgsql as $$
                begin
                    if new.task_id like 'slow_%' then perform pg_sleep(0.5); end if;
                    if new.task_id = 'refused' then raise exception 'delivery refused'; end if;
                    return new;
                end $$""");
        db.execute("drop trigger if exists inbox_test_rules on delivery");
        db.execute("create trigger inbox_test_rules before insert or update on delivery"
                + " for each row execute function inbox_test_rules()");
    }

    @AfterEach
    void restore() {
        db.execute("drop trigger if exists inbox_test_rules on delivery");
        pool.shutdownNow();
        // The worker would fetch these made-up tasks while the next test class counts fetches.
        db.clear();
        worker.start();
    }

    private Future<Integer> callback(String taskId) {
        return pool.submit(() -> Api.scale()
                .body(Fixtures.callbackFor(taskId))
                .post("/webhooks/scale")
                .statusCode());
    }

    @Test
    void aCallbackTheDatabaseRefusesFailsAloneNotTheOthersWrittenWithIt() throws Exception {
        // Slow callbacks hold the writer(s), so the next ones queue up and are written together.
        List<Future<Integer>> slow = List.of(callback("slow_1"), callback("slow_2"));
        Thread.sleep(150);
        Map<String, Future<Integer>> answers = new TreeMap<>();
        answers.put("refused", callback("refused"));
        for (int i = 0; i < 19; i++) {
            answers.put("task_" + i, callback("task_" + i));
        }

        for (Future<Integer> answer : slow) {
            assertEquals(202, answer.get());
        }
        for (var answer : answers.entrySet()) {
            assertEquals(
                    answer.getKey().equals("refused") ? 500 : 202,
                    answer.getValue().get(),
                    answer.getKey());
        }
        assertEquals(21, db.count("select count(*) from delivery"));
        assertEquals(0, db.count("select count(*) from delivery where task_id = 'refused'"));
    }

    @Test
    void concurrentCallbacksForManyTasksAreEachRecordedOnceWithEveryRepeatCounted() throws Exception {
        List<Future<Integer>> answers = new ArrayList<>();
        for (int repeat = 0; repeat < 3; repeat++) {
            for (int i = 0; i < 20; i++) {
                answers.add(callback("task_" + i));
            }
        }
        for (Future<Integer> answer : answers) {
            assertEquals(202, answer.get());
        }
        assertEquals(20, db.count("select count(*) from delivery"));
        assertEquals(20, db.count("select count(*) from delivery where callback_count = 3 and state = 'queued'"));
    }

    @Test
    void aRowLockedElsewhereHoldsUpOnlyTheCallbackForThatTask() throws Exception {
        assertEquals(202, callback("locked").get());
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            other.createStatement().execute("select 1 from delivery where task_id = 'locked' for update");
            Future<Integer> held = callback("locked");
            Thread.sleep(300);

            assertEquals(202, callback("unrelated").get(5, TimeUnit.SECONDS));
            assertFalse(held.isDone());
            other.rollback();
            assertEquals(202, held.get());
        }
        assertEquals(2, db.count("select callback_count from delivery where task_id = 'locked'"));
    }

    @Test
    void inboxStatementsOverTheSameTasksInAnotherOrderDoNotDeadlock() throws Exception {
        List<DeliveryRepository.Enqueue> forward = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            forward.add(new DeliveryRepository.Enqueue("task_" + i, "callback", "{}", "h"));
        }
        List<DeliveryRepository.Enqueue> backward = new ArrayList<>(forward);
        Collections.reverse(backward);
        Future<?> a = pool.submit(() -> repeat(forward));
        Future<?> b = pool.submit(() -> repeat(backward));
        a.get();
        b.get();
        assertEquals(400, db.count("select sum(callback_count) from delivery"));
    }

    private void repeat(List<DeliveryRepository.Enqueue> requests) {
        for (int i = 0; i < 4; i++) {
            deliveries.enqueueGroup(requests, Duration.ofSeconds(30));
        }
    }
}
