package io.annotationstore.infra;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Ceilings on what a request may make us read or hold. */
@ConfigMapping(prefix = "limits")
public interface LimitsConfig {

    @WithName("webhook-body-bytes")
    MemorySize webhookBody();

    @WithName("import-body-bytes")
    MemorySize importBody();

    @WithName("import-items")
    int importItems();

    @WithName("json-nesting-depth")
    int jsonNestingDepth();
}
