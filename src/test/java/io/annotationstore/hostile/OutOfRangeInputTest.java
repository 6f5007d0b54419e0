package io.annotationstore.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
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

/** Filters and bodies whose values parse but cannot be stored or compared: a 400 naming them, never a 500. */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class OutOfRangeInputTest {

    @Inject
    Database db;

    @BeforeEach
    void reset() {
        db.clear();
        db.execute("truncate backfill cascade");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+10000-01-01T00:00:00Z", "-0001-12-31T00:00:00Z", "+999999999-12-31T23:59:59Z"})
    void rejectsTimestampFiltersOutsideYears0001To9999WithA400NamingThem(String instant) {
        for (String path : new String[] {"/api/v1/tasks", "/api/v1/annotations", "/api/v1/preferences"}) {
            Api.reader()
                    .queryParam("completed_after", instant)
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("completed_after"));
        }
    }

    @Test
    void rejectsABackfillCompletedAfterYear9999AndRecordsNothing() {
        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"project\":\"p\",\"completed_after\":\"+10000-01-01T00:00:00Z\"}")
                .post("/api/v1/backfill")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("completed_after"));
        assertEquals(0, db.count("select count(*) from backfill"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e-999999", "1e999999", "1e131072", "1e301", "1e-301"})
    void rejectsNumberFiltersBeyond300DigitsWithA400NamingThem(String number) {
        Api.reader()
                .queryParam("value_min", number)
                .get("/api/v1/annotations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("value_min"));
    }

    @Test
    void stillAcceptsTheWidestFiltersInRange() {
        Api.admin()
                .contentType(ContentType.JSON)
                .body(Fixtures.text(Fixtures.PAIRWISE))
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(200);
        Api.reader()
                .queryParam("completed_after", "0001-01-01")
                .queryParam("completed_before", "9999-12-31T23:59:59Z")
                .queryParam("value_min", "-1e299")
                .queryParam("value_max", "1e299")
                .queryParam("key", "overall")
                .get("/api/v1/annotations")
                .then()
                .statusCode(200)
                .body("items.value", hasItem(5));
        given().get("/q/health/ready").then().statusCode(200);
    }
}
