package io.annotationstore.query;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A conversation message in the {role, content} form of chat datasets. */
@RegisterForReflection
public record ChatMessageRow(String role, String content) {}
