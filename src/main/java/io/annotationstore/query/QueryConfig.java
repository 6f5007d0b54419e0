package io.annotationstore.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Page sizes of the query API. */
@ConfigMapping(prefix = "query")
public interface QueryConfig {

    @WithName("default-page-size")
    int defaultPageSize();

    @WithName("max-page-size")
    int maxPageSize();
}
