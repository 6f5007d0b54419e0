package io.annotationstore.hostile;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bodies that are not UTF-8 are not JSON: a 400, nothing stored. Jackson alone would read an
 * overlong {@code C0 80} as U+0000 and an encoded surrogate as a lone surrogate, and store them.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class InvalidUtf8Test {

    @Inject
    Database db;

    @BeforeEach
    void reset() {
        db.clear();
    }

    /** {@code bytes} in hex, inside a JSON string of an otherwise valid document. */
    private static byte[] withBytes(String json, String hex) {
        String[] halves = json.split("@", 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(halves[0].getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < hex.length(); i += 2) {
            out.write(Integer.parseInt(hex.substring(i, i + 2), 16));
        }
        out.writeBytes(halves[1].getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"C080", "C1BF", "E08080", "EDA080", "F4908080", "FF", "E282"})
    void rejectsACallbackThatIsNotUtf8AndStoresNothing(String hex) {
        given().header("scale-callback-auth", Api.CALLBACK_KEY)
                .contentType("application/json")
                .body(withBytes("{\"task_id\":\"utf8_1\",\"note\":\"a@b\"}", hex))
                .post("/webhooks/scale")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertEquals(0, db.count("select count(*) from delivery"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C080", "C1BF", "E08080", "EDA080", "F4908080", "FF", "E282"})
    void rejectsAnImportThatIsNotUtf8AndStoresNothing(String hex) {
        Api.admin()
                .contentType("application/json")
                .body(withBytes("[{\"task_id\":\"utf8_1\",\"status\":\"completed\",\"note\":\"a@b\"}]", hex))
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("the body is not valid UTF-8"));
        assertEquals(0, db.count("select count(*) from task"));
    }
}
