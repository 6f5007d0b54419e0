package io.annotationstore.query;

import org.jboss.resteasy.reactive.RestQuery;

/** The raw preference filter parameters, as strings so that bad values get a 400 naming them. */
public record PreferenceFilterParams(
        @RestQuery String project,
        @RestQuery String batch,
        @RestQuery("task_id") String taskId,
        @RestQuery("source_id") String sourceId,
        @RestQuery String model,
        @RestQuery("completed_after") String completedAfter,
        @RestQuery("completed_before") String completedBefore) {}
