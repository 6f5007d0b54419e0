package io.annotationstore.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/** Page sizes and analytics bounds of the query API. */
@ConfigMapping(prefix = "query")
public interface QueryConfig {

    @WithName("default-page-size")
    int defaultPageSize();

    @WithName("max-page-size")
    int maxPageSize();

    Stats stats();

    Preferences preferences();

    Export export();

    interface Stats {
        /** More distinct values than this in a group: free text or a continuous measure, no histogram. */
        @WithName("max-histogram-buckets")
        int maxHistogramBuckets();
    }

    interface Preferences {
        /** Bradley–Terry refits on resampled comparisons behind each rating's interval. */
        @WithName("bootstrap-rounds")
        int bootstrapRounds();

        /** Seed of the resampling, so the same comparisons always give the same intervals. */
        @WithName("bootstrap-seed")
        long bootstrapSeed();
    }

    interface Export {
        /** Rows fetched per round trip of an export's database cursor. */
        @WithName("fetch-size")
        int fetchSize();
    }
}
