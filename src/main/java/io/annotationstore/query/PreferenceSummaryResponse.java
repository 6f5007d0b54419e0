package io.annotationstore.query;

import java.util.List;

/** The answer of {@code GET /api/v1/preferences/summary}. */
public record PreferenceSummaryResponse(List<PairRow> pairs, List<RatingRow> ratings) {}
