package io.annotationstore.query;

/**
 * The two statements behind the stats: per-group aggregates, and per-group value counts for the
 * histograms. Both read the same rows: the annotation filter, with a value counted only when it
 * is neither not_applicable nor cannot_assess ({@code v} numeric, {@code c} category or boolean).
 * A number beyond 1e±300 has no double precision mean or percentile: it counts as excluded.
 */
final class StatsSql {

    private static final String VALUES = """
            select %s as grp,
                   case when a.not_applicable is not true and a.cannot_assess is not true
                         and (a.value_number = 0 or abs(a.value_number) between 1e-300 and 1e300)
                        then a.value_number end as v,
                   case when a.not_applicable is not true and a.cannot_assess is not true
                        then coalesce(a.value_text, a.value_bool::text) end as c
            from annotation a
            where %s""";

    private static final String AGGREGATES = """
            select s.grp, count(*) as total, count(s.v) as numbers, count(s.c) as categories,
                   avg(s.v)::float8 as mean, stddev_samp(s.v)::float8 as stddev,
                   trim_scale(min(s.v)) as min, trim_scale(max(s.v)) as max,
                   percentile_cont(0.25) within group (order by s.v) as p25,
                   percentile_cont(0.5) within group (order by s.v) as p50,
                   percentile_cont(0.75) within group (order by s.v) as p75,
                   coalesce(bool_and(s.v = trunc(s.v)), true) as integral
            from (%s) s
            group by s.grp
            order by s.grp nulls last""";

    // rank caps the rows per group and kind: one more than the limit tells "too many to list"
    private static final String BUCKETS = """
            select h.grp, trim_scale(h.v)::text as number, h.c as category, h.n
            from (select g.grp, g.v, g.c, g.n,
                         row_number() over (partition by g.grp, g.v is null order by g.v, g.c) as rank
                  from (select s.grp, s.v, s.c, count(*) as n
                        from (%s) s
                        where s.v is not null or s.c is not null
                        group by s.grp, s.v, s.c) g) h
            where h.rank <= ?
            order by h.grp nulls last, h.v, h.c""";

    private StatsSql() {}

    static String aggregates(StatsGroupBy groupBy, SqlWhere where) {
        return AGGREGATES.formatted(values(groupBy, where));
    }

    /** Has one placeholder after the filter's: the row cap per group and kind. */
    static String buckets(StatsGroupBy groupBy, SqlWhere where) {
        return BUCKETS.formatted(values(groupBy, where));
    }

    private static String values(StatsGroupBy groupBy, SqlWhere where) {
        return VALUES.formatted(groupBy.column, where.sql());
    }
}
