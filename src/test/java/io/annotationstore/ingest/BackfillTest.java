package io.annotationstore.ingest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.InjectWireMock;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class BackfillTest {

    private static final List<List<String>> PAGES =
            List.of(List.of("bf_1", "bf_2"), List.of("bf_3", "bf_4"), List.of("bf_5"));

    @InjectWireMock
    WireMockServer scale;

    @Inject
    Database db;

    @BeforeEach
    void serveThreePages() {
        scale.resetAll();
        db.clear();
        db.execute("truncate backfill cascade");
        for (int p = 0; p < PAGES.size(); p++) {
            String next = p + 1 < PAGES.size() ? "\"next_token\":\"page-" + (p + 2) + "\"" : "\"next_token\":null";
            String tasks = PAGES.get(p).stream().map(BackfillTest::task).collect(Collectors.joining(","));
            scale.stubFor(get(urlPathEqualTo("/v2/tasks"))
                    .withQueryParam("project_name", WireMock.equalTo("Example Evals Project"))
                    .withQueryParam("status", WireMock.equalTo("completed"))
                    .withQueryParam("limit", WireMock.equalTo("2"))
                    .withQueryParam("next_token", p == 0 ? absent() : WireMock.equalTo("page-" + (p + 1)))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"tasks\":[" + tasks + "]," + next + "}")));
            for (String id : PAGES.get(p)) {
                scale.stubFor(get(urlPathEqualTo("/v2/task"))
                        .withQueryParam("task_id", WireMock.equalTo(id))
                        .willReturn(aResponse()
                                .withHeader("Content-Type", "application/json")
                                .withBody(task(id))));
            }
        }
    }

    private static String task(String id) {
        return "{\"task_id\":\"" + id + "\",\"project\":\"Example Evals Project\",\"status\":\"completed\","
                + "\"created_at\":\"2025-03-04T10:16:02.511Z\",\"completed_at\":\"2025-03-05T09:01:44.020Z\","
                + "\"threads\":[{\"id\":\"thread_0\",\"turns\":[],\"annotations\":[{\"key\":\"ok\",\"value\":1}]}]}";
    }

    private static int startBackfill() {
        return Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"project\":\"Example Evals Project\"}")
                .post("/api/v1/backfill")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }

    private static void awaitFinished(int id, int stored) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> Api.admin()
                        .get("/api/v1/backfill/" + id)
                        .then()
                        .body("state", equalTo("finished"))
                        .body("tasks_stored", equalTo(stored)));
    }

    @Test
    void queuesAndStoresEveryTaskOfEveryPageOnce() {
        int id = startBackfill();
        awaitFinished(id, 5);

        Api.admin()
                .get("/api/v1/backfill/" + id)
                .then()
                .body("pages", equalTo(3))
                .body("tasks_seen", equalTo(5))
                .body("tasks_queued", equalTo(5))
                .body("tasks_failed", equalTo(0));
        assertEquals(5, db.count("select count(*) from task"));
        for (List<String> page : PAGES) {
            for (String taskId : page) {
                scale.verify(
                        1,
                        getRequestedFor(urlPathEqualTo("/v2/task"))
                                .withQueryParam("task_id", WireMock.equalTo(taskId)));
            }
        }
    }

    @Test
    void aRepeatedBackfillStoresNothingNewAndBothReportTheirTasks() {
        int first = startBackfill();
        awaitFinished(first, 5);
        String before = db.string("select string_agg(task_id || '@' || updated_at, ',' order by task_id) from task");

        awaitFinished(startBackfill(), 5);

        assertEquals(
                before, db.string("select string_agg(task_id || '@' || updated_at, ',' order by task_id) from task"));
        assertEquals(5, db.count("select count(*) from task"));
        Api.admin().get("/api/v1/backfill/" + first).then().body("tasks_stored", equalTo(5));
    }

    @Test
    void rejectsAMisspeltOrMistypedFieldInsteadOfBackfillingMoreThanAsked() {
        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"project\":\"Example Evals Project\",\"bacth\":\"batch_1\"}")
                .post("/api/v1/backfill")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("bacth"))
                .body("detail", containsString("not a known field"));
        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"project\":5}")
                .post("/api/v1/backfill")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("project"));
        Api.admin()
                .contentType(ContentType.JSON)
                .body("xx")
                .post("/api/v1/backfill")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the body is not valid JSON"));
        assertEquals(0, db.count("select count(*) from backfill"));
    }

    @Test
    void rejectsARequestWithoutAProjectNamingTheField() {
        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"batch\":\"b\",\"completed_after\":\"yesterday\"}")
                .post("/api/v1/backfill")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("completed_after"))
                .body("detail", startsWith("invalid fields: "));
        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"batch\":\"b\"}")
                .post("/api/v1/backfill")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("project"));
        Api.admin().get("/api/v1/backfill/999999").then().statusCode(404);
        Api.admin().get("/api/v1/backfill/abc").then().statusCode(400);
    }
}
