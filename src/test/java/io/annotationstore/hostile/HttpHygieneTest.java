package io.annotationstore.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.annotationstore.support.Api;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Security headers, no CORS, and methods and content types outside the contract. */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class HttpHygieneTest {

    private static ValidatableResponse hasSecurityHeaders(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Referrer-Policy", "no-referrer");
    }

    @Test
    void sendsSecurityHeadersAndNoStoreOnApiAnswersIncludingErrors() {
        List<ValidatableResponse> answers = List.of(
                Api.reader().get("/api/v1/tasks").then().statusCode(200),
                given().get("/api/v1/tasks").then().statusCode(401),
                Api.reader().get("/api/v1/deliveries").then().statusCode(403),
                Api.reader().get("/api/v1/tasks/unknown_task").then().statusCode(404),
                Api.reader()
                        .queryParam("limit", "0")
                        .get("/api/v1/tasks")
                        .then()
                        .statusCode(400),
                Api.reader().get("/api/v1/no-such-thing").then().statusCode(404));
        for (ValidatableResponse answer : answers) {
            hasSecurityHeaders(answer).header("Cache-Control", "no-store");
        }
    }

    @Test
    void sendsSecurityHeadersOnTheWebhookAndOperationsEndpoints() {
        hasSecurityHeaders(Api.scale()
                .body(Fixtures.callbackFor("hygiene_1"))
                .post("/webhooks/scale")
                .then()
                .statusCode(202));
        hasSecurityHeaders(given().get("/q/health/ready").then());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tasks", "/webhooks/scale", "/q/health/ready"})
    void answersNoCrossOriginRequestWithCorsHeaders(String path) {
        Api.reader()
                .header("Origin", "https://attacker.example")
                .get(path)
                .then()
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Credentials", nullValue());
        given().header("Origin", "https://attacker.example")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization")
                .options(path)
                .then()
                .header("Access-Control-Allow-Origin", nullValue())
                .header("Access-Control-Allow-Methods", nullValue());
    }

    @ParameterizedTest
    @CsvSource({
        "PUT, /api/v1/tasks",
        "DELETE, /api/v1/tasks",
        "PATCH, /api/v1/annotations",
        "POST, /api/v1/annotations/stats",
        "DELETE, /api/v1/tasks/task_1",
        "PUT, /api/v1/deliveries",
        "DELETE, /webhooks/scale",
        "GET, /webhooks/scale",
        "PUT, /webhooks/scale"
    })
    void answersMethodsOutsideTheContractWith405Problem(String method, String path) {
        Api.admin()
                .header("scale-callback-auth", Api.CALLBACK_KEY)
                .contentType(ContentType.JSON)
                .body("{}")
                .request(method, path)
                .then()
                .statusCode(405)
                .contentType("application/problem+json")
                .body("status", equalTo(405));
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/tasks/import, text/plain",
        "/api/v1/tasks/import, application/xml",
        "/api/v1/tasks/import, application/octet-stream",
        "/api/v1/backfill, text/plain",
        "/webhooks/scale, text/plain",
        "/webhooks/scale, application/octet-stream"
    })
    void answersContentTypesOutsideTheContractWith415Problem(String path, String contentType) {
        Api.admin()
                .header("scale-callback-auth", Api.CALLBACK_KEY)
                .contentType(contentType)
                .body("{\"project\":\"p\"}".getBytes())
                .post(path)
                .then()
                .statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    @Test
    void namesAWrongTypedFieldOfARequestBodyInA400Problem() {
        Api.admin()
                .contentType(ContentType.JSON)
                .body("{\"project\":[\"p1\"]}")
                .post("/api/v1/backfill")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("project"))
                .body("detail", not(containsString("com.fasterxml")));
        Api.admin()
                .contentType(ContentType.JSON)
                .body("[]")
                .post("/api/v1/backfill")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400));
    }
}
