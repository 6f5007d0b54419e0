package io.annotationstore.hostile;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The JDK's HTTP client against the application under test: the fuzz tests send thousands of
 * requests, and it costs a fraction of REST Assured's time per request. Paths and queries are
 * sent exactly as given (already percent-encoded).
 */
final class Http {

    /** An answer, its body decoded as UTF-8. */
    record Answer(int status, String contentType, String body, Map<String, java.util.List<String>> headers) {}

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private Http() {}

    static Answer get(String pathAndQuery, String token) {
        return send("GET", pathAndQuery, null, null, "Authorization", "Bearer " + token);
    }

    /** {@code headers} are name, value pairs. */
    static Answer send(String method, String pathAndQuery, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<byte[]> response = send(request.build());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8),
                    response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + pathAndQuery + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends once more when the first try fails: the server closes a connection after some
     * answers (a 414), and the client retries only idempotent methods on a pooled connection it
     * finds closed. An input that breaks connections fails twice and is reported.
     */
    private static HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException closed) {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
    }
}
