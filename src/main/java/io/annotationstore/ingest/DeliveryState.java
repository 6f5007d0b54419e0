package io.annotationstore.ingest;

import java.util.Locale;
import java.util.Optional;

/** Where a task's delivery stands: queued -> fetching -> stored | failed. */
public enum DeliveryState {
    QUEUED,
    FETCHING,
    STORED,
    FAILED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DeliveryState> parse(String value) {
        for (DeliveryState state : values()) {
            if (state.value().equals(value)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
