package io.annotationstore.scale;

import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt to fetch a task from Scale came to. Only {@link Kind#FOUND} carries a body;
 * every failure carries the HTTP status (null for network errors) and a message safe to show.
 */
public record ScaleFetch(Kind kind, String body, Integer status, String message, Duration retryAfter) {

    public enum Kind {
        /** 200 with a body. */
        FOUND,
        /** 404: Scale does not know the task. */
        ABSENT,
        /** 401/403: our API key is rejected; affects every fetch, not just this one. */
        REJECTED_KEY,
        /** Other 4xx: asking again will not help. */
        PERMANENT,
        /** 429, 5xx, timeouts, connection errors, malformed answers. */
        RETRYABLE
    }

    public static ScaleFetch found(String body) {
        return new ScaleFetch(Kind.FOUND, body, 200, null, null);
    }

    public static ScaleFetch failure(Kind kind, Integer status, String message, Duration retryAfter) {
        return new ScaleFetch(kind, null, status, message, retryAfter);
    }

    public Optional<Duration> retryAfterHint() {
        return Optional.ofNullable(retryAfter);
    }
}
