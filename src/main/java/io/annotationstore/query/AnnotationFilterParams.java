package io.annotationstore.query;

import java.util.List;
import org.jboss.resteasy.reactive.RestQuery;

/** The raw annotation filter parameters, as strings so that bad values get a 400 naming them. */
public record AnnotationFilterParams(
        @RestQuery List<String> key,
        @RestQuery String project,
        @RestQuery String batch,
        @RestQuery("task_id") String taskId,
        @RestQuery String level,
        @RestQuery("source_id") String sourceId,
        @RestQuery String model,
        @RestQuery String role,
        @RestQuery("value_min") String valueMin,
        @RestQuery("value_max") String valueMax,
        @RestQuery("completed_after") String completedAfter,
        @RestQuery("completed_before") String completedBefore) {}
