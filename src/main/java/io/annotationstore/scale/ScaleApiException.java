package io.annotationstore.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** An HTTP error answer from Scale, with Scale's message and any {@code Retry-After}. */
public class ScaleApiException extends RuntimeException {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_MESSAGE = 500;

    private final int status;
    private final Duration retryAfter;

    public ScaleApiException(int status, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    static ScaleApiException from(Response response) {
        String body = response.hasEntity() ? response.readEntity(String.class) : "";
        return new ScaleApiException(
                response.getStatus(),
                errorMessage(body, response.getStatus()),
                parseRetryAfter(response.getHeaderString(HttpHeaders.RETRY_AFTER), Instant.now()));
    }

    /** Scale's v2 errors are {@code {"status_code", "error"}}; other answers may be plain text. */
    static String errorMessage(String body, int status) {
        String text = body == null ? "" : body.strip();
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node != null && node.path("error").isTextual()) {
                text = node.get("error").asText();
            }
        } catch (Exception notJson) {
            // plain-text body: keep it as it is
        }
        if (text.isEmpty()) {
            text = "HTTP " + status;
        }
        return text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) + "…" : text;
    }

    /** {@code Retry-After} is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(now, at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
