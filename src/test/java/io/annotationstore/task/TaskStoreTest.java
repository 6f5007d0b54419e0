package io.annotationstore.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store path's JDBC writes against what Hibernate reads: one transaction, one calendar, ids in
 * document order.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class TaskStoreTest {

    @Inject
    Database db;

    @BeforeEach
    void reset() {
        db.clear();
        // The database refuses an annotation keyed "refused": a failure half way through a store.
        db.execute("""
                create or replace function refuse_annotation() returns trigger language plpgsql as $$
                begin
                    if new.key = 'refused' then raise exception 'annotation refused'; end if;
                    return new;
                end $$""");
        db.execute("drop trigger if exists refuse_annotation on annotation");
        db.execute("create trigger refuse_annotation before insert on annotation"
                + " for each row execute function refuse_annotation()");
    }

    @AfterEach
    void dropTrigger() {
        db.execute("drop trigger if exists refuse_annotation on annotation");
    }

    /** Two threads of two turns; annotations at every level; the last one is keyed {@code lastKey}. */
    private static String task(String id, String completedAt, int version, String lastKey) {
        String turn = """
                {"id":"u%1$s","annotations":[{"key":"turn","value":%2$d}],
                 "messages":[{"role":"user","content":{"text":"q"}},
                   {"role":"assistant","source_id":"m","content":{"text":"a"},
                    "annotations":[{"key":"msg","value":%2$d},{"key":"%3$s","value":%2$d}]}]}""";
        String thread = """
                {"id":"t%1$s","annotations":[{"key":"thread","value":%2$d}],"turns":[%3$s,%4$s]}""";
        String threads =
                thread.formatted("a", version, turn.formatted("a", version, "x"), turn.formatted("b", version, "x"))
                        + ","
                        + thread.formatted(
                                "b", version, turn.formatted("c", version, "x"), turn.formatted("d", version, lastKey));
        return """
                {"task_id":"%s","status":"completed","completed_at":"%s","metadata":{"v":%d},
                 "annotations":[{"key":"task","value":%d}],"threads":[%s]}
                """.formatted(id, completedAt, version, version, threads);
    }

    /** Imports one task; the answer's status, or its item's outcome when the import ran. */
    private static String importTask(String body) {
        var response = Api.admin()
                .contentType(ContentType.JSON)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tasks/import");
        return response.statusCode() == 200
                ? response.path("results[0].outcome")
                : Integer.toString(response.statusCode());
    }

    private long count(String table) {
        return db.count("select count(*) from " + table);
    }

    @Test
    void annotationIdsFollowTheDocumentOrderAcrossLevels() {
        assertEquals("stored", importTask(task("order", "2025-01-01T00:00:00Z", 1, "last")));
        List<String> keys = Api.reader()
                .queryParam("task_id", "order")
                .queryParam("limit", 100)
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .extract()
                .path("items.key");
        assertEquals(
                List.of(
                        "task", "thread", "turn", "msg", "x", "turn", "msg", "x", "thread", "turn", "msg", "x", "turn",
                        "msg", "last"),
                keys);
    }

    @Test
    void aRefusedAnnotationLeavesNoPartOfANewTask() {
        assertEquals("500", importTask(task("refused_new", "2025-01-02T00:00:00Z", 1, "refused")));
        for (String table : List.of("task", "thread", "turn", "message", "annotation")) {
            assertEquals(0, count(table), table);
        }
    }

    @Test
    void aRefusedAnnotationInANewerCopyKeepsTheStoredCopyWhole() {
        assertEquals("stored", importTask(task("refused_update", "2025-01-02T00:00:00Z", 1, "x")));
        String hash = db.string("select content_hash from task");
        long annotations = count("annotation");

        assertEquals("500", importTask(task("refused_update", "2025-01-03T00:00:00Z", 2, "refused")));

        assertEquals(hash, db.string("select content_hash from task"));
        assertEquals(annotations, count("annotation"));
        assertEquals(0, db.count("select count(*) from annotation where value_number <> 1"));
        assertEquals(4, count("turn"));
    }

    @Test
    void aNewerCopyOfATaskCompletedBefore1582ReplacesTheOlder() {
        assertEquals("stored", importTask(task("julian", "1000-03-01T00:00:00Z", 1, "x")));
        assertEquals("stored", importTask(task("julian", "1000-03-04T00:00:00Z", 2, "x")));
        assertEquals("2", db.string("select metadata->>'v' from task"));
    }

    @Test
    void theTaskAndItsAnnotationsReadBackTheCompletionTimeScaleSent() {
        assertEquals("stored", importTask(task("julian", "1000-03-01T00:00:00Z", 1, "x")));
        assertEquals(
                "1000-03-01T00:00:00Z",
                Api.reader().get("/api/v1/tasks").then().extract().path("items[0].completed_at"));
        assertEquals(
                "1000-03-01T00:00:00Z",
                Api.reader()
                        .queryParam("task_id", "julian")
                        .get("/api/v1/annotations")
                        .then()
                        .extract()
                        .path("items[0].completed_at"));
    }

    @Test
    void anUpdateStoresOneCompletionTimeOnTheTaskAndItsAnnotations() {
        assertEquals("stored", importTask(task("julian", "1000-03-01T00:00:00Z", 1, "x")));
        assertEquals("stored", importTask(task("julian", "1000-04-01T00:00:00Z", 2, "x")));
        String utcDate = "to_char(completed_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI')";
        assertEquals("1000-04-01 00:00", db.string("select " + utcDate + " from task"));
        assertEquals("1000-04-01 00:00", db.string("select distinct " + utcDate + " from annotation"));
    }
}
