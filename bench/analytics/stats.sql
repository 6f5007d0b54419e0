-- The two statements GET /api/v1/annotations/stats?key=:key&group_by=source_id runs (StatsSql),
-- prepared with the same bound parameters, then executed :runs times with psql's timing on.
-- Keep in step with src/main/java/io/annotationstore/query/StatsSql.java.
\set ON_ERROR_STOP on
-- plan each execution for its parameters, as the service's statements mostly are (a generic plan
-- after five executions would make psql the slower side)
set plan_cache_mode = force_custom_plan;
prepare aggregates(text) as
select s.grp, count(*) as total, count(s.v) as numbers, count(s.c) as categories,
       avg(s.v)::float8 as mean, stddev_samp(s.v)::float8 as stddev,
       trim_scale(min(s.v)) as min, trim_scale(max(s.v)) as max,
       percentile_cont(0.25) within group (order by s.v) as p25,
       percentile_cont(0.5) within group (order by s.v) as p50,
       percentile_cont(0.75) within group (order by s.v) as p75,
       coalesce(bool_and(s.v = trunc(s.v)), true) as integral
from (select a.source_id as grp,
             case when a.not_applicable is not true and a.cannot_assess is not true
                   and (a.value_number = 0 or abs(a.value_number) between 1e-300 and 1e300)
                  then a.value_number end as v,
             case when a.not_applicable is not true and a.cannot_assess is not true
                  then coalesce(a.value_text, a.value_bool::text) end as c
      from annotation a
      where true and a.key in ($1)) s
group by s.grp
order by s.grp nulls last;
prepare buckets(text, int) as
select h.grp, trim_scale(h.v)::text as number, h.c as category, h.n
from (select g.grp, g.v, g.c, g.n,
             row_number() over (partition by g.grp, g.v is null order by g.v, g.c) as rank
      from (select s.grp, s.v, s.c, count(*) as n
            from (select a.source_id as grp,
                         case when a.not_applicable is not true and a.cannot_assess is not true
                               and (a.value_number = 0 or abs(a.value_number) between 1e-300 and 1e300)
                              then a.value_number end as v,
                         case when a.not_applicable is not true and a.cannot_assess is not true
                              then coalesce(a.value_text, a.value_bool::text) end as c
                  from annotation a
                  where true and a.key in ($1)) s
            where s.v is not null or s.c is not null
            group by s.grp, s.v, s.c) g) h
where h.rank <= $2
order by h.grp nulls last, h.v, h.c;
\o /dev/null
\timing on
