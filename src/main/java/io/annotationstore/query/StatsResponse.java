package io.annotationstore.query;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/annotations/stats}. {@code key} echoes the request: the key
 * as a string, or the list of keys when several were given.
 */
public record StatsResponse(Object key, String groupBy, List<StatsGroupRow> groups) {}
