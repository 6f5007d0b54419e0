package io.annotationstore.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
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

    /** Longer waits are read as this: far beyond any retry budget, yet safe to add to any instant. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(365);

    /**
     * The three date forms a recipient must accept (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete
     * RFC 850 (two-digit year, read as 1970–2069) and asctime forms. All are GMT.
     */
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(
            DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder()
                    .appendPattern("EEEE, dd-MMM-")
                    .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
                    .appendPattern(" HH:mm:ss 'GMT'")
                    .toFormatter(Locale.US)
                    .withZone(ZoneOffset.UTC),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

    /** {@code Retry-After} is either delta-seconds or an HTTP date (RFC 9110 §10.2.3); null when neither. */
    static Duration parseRetryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        if (value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // More digits than a long holds is still a (very long) wait.
            BigInteger seconds = new BigInteger(value);
            return seconds.compareTo(BigInteger.valueOf(MAX_RETRY_AFTER.toSeconds())) > 0
                    ? MAX_RETRY_AFTER
                    : Duration.ofSeconds(seconds.longValueExact());
        }
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                Duration wait = Duration.between(now, Instant.from(format.parse(value)));
                return wait.isNegative() ? Duration.ZERO : min(wait, MAX_RETRY_AFTER);
            } catch (DateTimeException notThisForm) {
                // try the next form
            }
        }
        return null;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
