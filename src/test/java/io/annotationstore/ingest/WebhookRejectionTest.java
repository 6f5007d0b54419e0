package io.annotationstore.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class WebhookRejectionTest {

    @Inject
    Database db;

    @BeforeEach
    void reset() {
        db.clear();
    }

    @Test
    void returns401AndStoresNothingWhenTheCallbackKeyIsMissing() {
        given().contentType(ContentType.JSON)
                .body(Fixtures.callbackFor("task_1"))
                .post("/webhooks/scale")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401));
        assertEquals(0, db.count("select count(*) from delivery"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "test-callback-ke", "test-callback-keyy", "Test-Callback-Key", " "})
    void returns401AndStoresNothingWhenTheCallbackKeyIsWrong(String key) {
        given().header("scale-callback-auth", key)
                .contentType(ContentType.JSON)
                .body(Fixtures.callbackFor("task_1"))
                .post("/webhooks/scale")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("detail", not(containsString("test-callback-key")));
        assertEquals(0, db.count("select count(*) from delivery"));
    }

    @Test
    void acceptsEitherKeyDuringRotation() {
        given().header("scale-callback-auth", Api.OLD_CALLBACK_KEY)
                .contentType(ContentType.JSON)
                .body(Fixtures.callbackFor("task_old_key"))
                .post("/webhooks/scale")
                .then()
                .statusCode(202);
        Api.scale()
                .body(Fixtures.callbackFor("task_new_key"))
                .post("/webhooks/scale")
                .then()
                .statusCode(202);
        assertEquals(2, db.count("select count(*) from delivery"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[{\"task_id\":\"task_1\"}]",
                "\"task_1\"",
                "{}",
                "{\"task_id\":42}",
                "{\"task_id\":\"\"}",
                "{\"task_id\":\"../../etc/passwd\"}",
                "{\"task\":{\"id\":\"task_1\"}}",
                "{\"task_id\":\"task_1\"",
                "{\"task_id\":\"task_1\"} trailing"
            })
    void returns400ProblemAndStoresNothingForABadBody(String body) {
        Api.scale()
                .body(body)
                .post("/webhooks/scale")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", not(equalTo(null)));
        assertEquals(0, db.count("select count(*) from delivery"));
    }

    @Test
    void namesTheMissingTaskIdField() {
        Api.scale()
                .body("{\"status\":\"completed\"}")
                .post("/webhooks/scale")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("task_id"));
    }

    @Test
    void returns400ForAnEmptyBody() {
        Api.scale().body("").post("/webhooks/scale").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from delivery"));
    }

    @Test
    void returns413ProblemForABodyOverTheLimit() {
        String padding = "x".repeat(70 * 1024);
        Api.scale()
                .body("{\"task_id\":\"task_1\",\"pad\":\"" + padding + "\"}")
                .post("/webhooks/scale")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from delivery"));
    }

    @Test
    void returns415ProblemForANonJsonContentType() {
        given().header("scale-callback-auth", Api.CALLBACK_KEY)
                .contentType(ContentType.TEXT)
                .body(Fixtures.callbackFor("task_1"))
                .post("/webhooks/scale")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from delivery"));
    }
}
