package io.annotationstore.infra;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /q/openapi} describes the API as it answers, so that clients generated from it work:
 * snake_case fields.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class OpenApiDocumentTest {

    private static final Pattern SNAKE_CASE = Pattern.compile("^[a-z0-9_]+$");

    private JsonNode document;

    @BeforeEach
    void load() throws Exception {
        String json = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void everySchemaPropertyIsSnakeCaseAsTheJsonIs() {
        List<String> wrong = new ArrayList<>();
        collectPropertyNames(document.path("components").path("schemas"), "", wrong);
        assertTrue(wrong.isEmpty(), "not snake_case: " + wrong);
        JsonNode delivery = document.path("components").path("schemas").path("DeliveryRow");
        assertTrue(delivery.path("properties").has("next_attempt_at"), delivery.toString());
    }

    /** Property names at any depth of inline schemas, with the path that leads to each. */
    private static void collectPropertyNames(JsonNode schema, String at, List<String> wrong) {
        if (schema.isObject()) {
            for (Map.Entry<String, JsonNode> field : schema.properties()) {
                if (field.getKey().equals("properties")) {
                    field.getValue().fieldNames().forEachRemaining(name -> {
                        if (!SNAKE_CASE.matcher(name).matches()) {
                            wrong.add(at + "." + name);
                        }
                    });
                }
                collectPropertyNames(field.getValue(), at + "." + field.getKey(), wrong);
            }
        } else if (schema.isArray()) {
            schema.forEach(item -> collectPropertyNames(item, at, wrong));
        }
    }
}
