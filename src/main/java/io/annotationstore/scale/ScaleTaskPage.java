package io.annotationstore.scale;

import java.util.List;

/** One page of {@code GET /v2/tasks}: the task ids on it and the token of the next page, if any. */
public record ScaleTaskPage(List<String> taskIds, String nextToken) {}
