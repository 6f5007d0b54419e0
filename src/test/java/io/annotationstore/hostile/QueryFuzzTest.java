package io.annotationstore.hostile;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.annotationstore.support.Api;
import io.annotationstore.support.Database;
import io.annotationstore.support.Fixtures;
import io.annotationstore.support.ScaleStandIn;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Properties of every query parameter and path parameter of every operation the OpenAPI
 * document lists under {@code /api/}: injections, random Unicode, invalid UTF-8, random query
 * strings and forged cursors get a 200 or a 4xx problem, never a 5xx; they change no stored row;
 * and the service stays ready.
 */
@QuarkusTest
@WithTestResource(ScaleStandIn.class)
class QueryFuzzTest {

    private static final long SEED = Long.getLong("hostile.seed", 20_260_603L);
    private static final int RANDOM_VALUES = 5;
    private static final int RANDOM_QUERIES = 12;
    /** Vert.x answers a longer request line with its own bare 414 before any application code. */
    private static final int MAX_REQUEST_LINE = 4096;

    private static final String COUNTS = "select (select count(*) from task) * 1000000"
            + " + (select count(*) from annotation) * 1000 + (select count(*) from message)";

    @Inject
    Database db;

    @BeforeEach
    void load() {
        db.clear();
        Api.admin()
                .contentType(ContentType.JSON)
                .body("[" + Fixtures.text(Fixtures.PAIRWISE) + "," + Fixtures.text(Fixtures.ALL_TYPES) + "]")
                .post("/api/v1/tasks/import")
                .then()
                .statusCode(200)
                .body("stored", equalTo(2));
    }

    @TestFactory
    Stream<DynamicTest> answersEveryParameterWith200Or4xxProblemAndChangesNothing() {
        Random random = new Random(SEED);
        long stored = db.count(COUNTS);
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiOperations.Operation operation : OpenApiOperations.load().api()) {
            if (operation.method().equals("GET")) {
                for (String parameter : operation.queryParameters()) {
                    List<String> values = hostileValues(random);
                    tests.add(dynamicTest(
                            operation + " ?" + parameter,
                            () -> values.forEach(value -> assertHandled(
                                    operation,
                                    operation.pathWith(knownId(operation)) + "?" + parameter + "=" + encode(value)))));
                }
                List<String> queries = new ArrayList<>();
                for (int i = 0; i < RANDOM_QUERIES; i++) {
                    queries.add(randomQuery(random, operation.queryParameters()));
                }
                tests.add(dynamicTest(
                        operation + " random query strings",
                        () -> queries.forEach(query ->
                                assertHandled(operation, operation.pathWith(knownId(operation)) + "?" + query))));
            }
            if (operation.path().contains("{") && operation.contentTypes().isEmpty()) {
                List<String> values = hostileValues(random);
                tests.add(dynamicTest(
                        operation + " path parameter",
                        () -> values.forEach(value -> assertHandled(
                                operation, operation.pathWith(encode(value).replace("%2F", "/"))))));
            }
        }
        tests.add(dynamicTest("no row was added, changed or dropped", () -> assertEquals(stored, db.count(COUNTS))));
        tests.add(dynamicTest("the service is still ready", WebhookFuzzTest::assertReady));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> rejectsEveryCursorItDidNotIssue() {
        Random random = new Random(SEED + 1);
        List<DynamicTest> tests = new ArrayList<>();
        for (OpenApiOperations.Operation operation : OpenApiOperations.load().api()) {
            if (operation.method().equals("GET") && operation.queryParameters().contains("cursor")) {
                tests.add(dynamicTest(operation + " forged cursors", () -> forgedCursors(operation, random)));
            }
        }
        return tests.stream();
    }

    private static void forgedCursors(OpenApiOperations.Operation operation, Random random) {
        Http.Answer first = Http.get(operation.path() + "?limit=1", Api.ADMIN);
        assertEquals(200, first.status(), operation + " first page");
        String issued =
                Answers.parse(first.body()).orElseThrow().path("next_cursor").asText("djE6MTph");
        List<String> forged = new ArrayList<>(List.of(
                issued.substring(0, issued.length() - 1),
                issued + "A",
                new StringBuilder(issued).reverse().toString(),
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("v1:1:00000000".getBytes(StandardCharsets.US_ASCII)),
                Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString("v1:-5:ffffffff".getBytes(StandardCharsets.US_ASCII)),
                "djE6OTIyMzM3MjAzNjg1NDc3NTgwODo",
                "====",
                "%00"));
        for (int i = 0; i < 10; i++) {
            char[] flipped = issued.toCharArray();
            int at = random.nextInt(flipped.length);
            flipped[at] = flipped[at] == 'A' ? 'B' : 'A';
            forged.add(new String(flipped));
        }
        for (String cursor : forged) {
            Http.Answer answer = Http.get(operation.path() + "?cursor=" + encode(cursor), Api.ADMIN);
            Answers.problemWith(answer, Set.of(400)).ifPresent(problem -> {
                throw new AssertionError(operation + " cursor " + cursor + ": " + problem);
            });
            JsonNode errors = Answers.parse(answer.body()).orElseThrow().path("errors");
            assertTrue(errors.toString().contains("\"cursor\""), "the 400 does not name cursor: " + answer.body());
        }
    }

    private static void assertHandled(OpenApiOperations.Operation operation, String pathAndQuery) {
        Http.Answer answer = operation.method().equals("GET")
                ? Http.get(pathAndQuery, Api.ADMIN)
                : Http.send(operation.method(), pathAndQuery, null, null, "Authorization", "Bearer " + Api.ADMIN);
        if (answer.status() == 414 && pathAndQuery.length() > MAX_REQUEST_LINE) {
            return;
        }
        Answers.problemWith(answer, Set.of(200, 202, 400, 404, 405, 409)).ifPresent(problem -> {
            throw new AssertionError(problem + " for " + operation.method() + " " + Answers.excerpt(pathAndQuery));
        });
    }

    /** An id that exists, so that query parameters reach the code behind the path. */
    private static String knownId(OpenApiOperations.Operation operation) {
        return operation.path().startsWith("/api/v1/backfill") ? "1" : Fixtures.PAIRWISE_ID;
    }

    /** Every SQL injection, a few of the others, and random text: ~25 requests per parameter. */
    private static List<String> hostileValues(Random random) {
        List<String> values = new ArrayList<>(HostileText.SQL_INJECTIONS);
        for (int i = 0; i < RANDOM_VALUES; i++) {
            values.add(HostileText.OTHER_INJECTIONS.get(random.nextInt(HostileText.OTHER_INJECTIONS.size())));
            values.add(HostileText.any(random));
        }
        return values;
    }

    private static String randomQuery(Random random, List<String> known) {
        StringBuilder query = new StringBuilder();
        for (int i = random.nextInt(6); i >= 0; i--) {
            String name = known.isEmpty() || random.nextInt(4) == 0
                    ? HostileText.any(random)
                    : known.get(random.nextInt(known.size()));
            query.append(List.of("&", "&&", ";", "").get(random.nextInt(4)))
                    .append(encode(name))
                    .append(List.of("=", "==", "", "=").get(random.nextInt(4)))
                    .append(encode(HostileText.any(random)));
        }
        return query.toString();
    }

    /**
     * Percent-encodes every UTF-16 unit outside the unreserved set; a lone surrogate becomes the
     * three bytes UTF-8 forbids for it ({@code %ED%A0%80}), so invalid UTF-8 reaches the server.
     */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                out.append(c);
                continue;
            }
            byte[] bytes;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes = new byte[] {(byte) (0xE0 | c >> 12), (byte) (0x80 | (c >> 6 & 0x3F)), (byte) (0x80 | (c & 0x3F))
                };
            } else {
                bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            }
            for (byte b : bytes) {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
