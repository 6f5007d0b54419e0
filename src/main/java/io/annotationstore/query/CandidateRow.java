package io.annotationstore.query;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** One response of a compared turn. */
@RegisterForReflection
public record CandidateRow(String sourceId, String model, String text) {}
