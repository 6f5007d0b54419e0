package io.annotationstore.infra;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.annotationstore.support.Api;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class ApiSecurityTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tasks", "/api/v1/annotations", "/api/v1/tasks/task_1", "/api/v1/deliveries"})
    void returns401ProblemWithoutAToken(String path) {
        given().get(path)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"wrong", "test-reader-token2", "test-admin-toke", "Basic dGVzdA=="})
    void returns401ProblemForAWrongToken(String token) {
        given().auth()
                .oauth2(token)
                .get("/api/v1/tasks")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void returns401ForANonBearerScheme() {
        given().header("Authorization", "Basic " + Api.READER)
                .get("/api/v1/tasks")
                .then()
                .statusCode(401);
    }

    @Test
    void returns403ProblemWhenAReaderCallsAnAdminEndpoint() {
        Api.reader().get("/api/v1/deliveries").then().statusCode(403).contentType("application/problem+json");
        Api.reader()
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(403);
        Api.reader().post("/api/v1/tasks/task_1/refresh").then().statusCode(403);
        Api.reader().post("/api/v1/deliveries/task_1/retry").then().statusCode(403);
    }

    @Test
    void letsAnAdminReadToo() {
        Api.admin().get("/api/v1/tasks").then().statusCode(200);
    }

    @Test
    void leavesHealthOpen() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void doesNotLetTheCallbackKeyIntoTheApi() {
        given().header("scale-callback-auth", Api.CALLBACK_KEY)
                .get("/api/v1/tasks")
                .then()
                .statusCode(401);
        given().auth().oauth2(Api.CALLBACK_KEY).get("/api/v1/tasks").then().statusCode(401);
    }

    @Test
    void answersUnknownPathsAndMethodsWithProblems() {
        Api.reader().delete("/api/v1/tasks").then().statusCode(405).contentType("application/problem+json");
    }
}
