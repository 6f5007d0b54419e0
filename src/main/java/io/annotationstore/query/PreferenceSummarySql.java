package io.annotationstore.query;

/**
 * The tally of compared turns per pair of sources. A winner beats each other candidate (pairs
 * among the losers of a three-way turn are not compared); a choice naming no candidate is a tie
 * for every pair. The likert value is read from source_a's side, and only where exactly two
 * responses were shown: as given when source_a was the first response (A), mirrored on its
 * scale (possible_values, else Scale's 1-7) when it was the second.
 */
final class PreferenceSummarySql {

    private static final String LIKERT = """
            select l.value_number as likert, coalesce(b.low, 1) as low, coalesce(b.high, 7) as high
            from annotation l
            cross join lateral (
              select min((e.value #>> '{}')::numeric) as low, max((e.value #>> '{}')::numeric) as high
              from jsonb_array_elements(case when jsonb_typeof(l.possible_values) = 'array'
                                             then l.possible_values else '[]' end) as e(value)
              where jsonb_typeof(e.value) = 'number') b
            where l.turn_pk = t.id and l.level = 'turn' and l.key = 'likert_value' and l.value_number is not null
            order by l.position, l.id limit 1""";

    // source ids compare with collate "C" (code points), the order Java sorts them in
    private static final String TALLY = """
            with compared as (
              select t.id as turn_pk, ch.choice, lk.likert, lk.low, lk.high, n.assistants
              from turn t
              join task k on k.id = t.task_pk
              cross join lateral (select %s as choice) ch
              cross join lateral (select count(*) as assistants from message m
                                  where m.turn_pk = t.id and m.role = 'assistant') n
              left join lateral (%s) lk on true
              where ch.choice is not null and n.assistants >= 2 and %s
            ), candidate as (
              select c.turn_pk, m.source_id collate "C" as source_id, min(m.position) as position
              from compared c join message m on m.turn_pk = c.turn_pk
              where m.role = 'assistant' and m.source_id is not null
              group by c.turn_pk, m.source_id
            ), outcome as (
              select a.source_id as source_a, b.source_id as source_b,
                     case when c.choice = a.source_id then 'a' when c.choice = b.source_id then 'b' else 'tie' end
                       as result,
                     case when c.assistants = 2
                          then case when a.position < b.position then c.likert else c.low + c.high - c.likert end
                     end as likert_a
              from compared c
              join candidate a on a.turn_pk = c.turn_pk
              join candidate b on b.turn_pk = c.turn_pk and a.source_id < b.source_id
              where c.choice in (a.source_id, b.source_id)
                 or not exists (select 1 from candidate w where w.turn_pk = c.turn_pk and w.source_id = c.choice)
            ), counts as (
              select source_a, source_b, count(*) as comparisons,
                     count(*) filter (where result = 'a') as wins_a,
                     count(*) filter (where result = 'b') as wins_b,
                     count(*) filter (where result = 'tie') as ties
              from outcome group by source_a, source_b
            ), likert as (
              select h.source_a, h.source_b,
                     json_object_agg(trim_scale(h.likert_a)::text, h.n order by h.likert_a)::text as histogram
              from (select source_a, source_b, likert_a, count(*) as n from outcome
                    where likert_a is not null group by source_a, source_b, likert_a) h
              group by h.source_a, h.source_b
            )
            select c.source_a, c.source_b, c.comparisons, c.wins_a, c.wins_b, c.ties, l.histogram
            from counts c left join likert l on l.source_a = c.source_a and l.source_b = c.source_b
            order by c.source_a, c.source_b""";

    private PreferenceSummarySql() {}

    static String tally(SqlWhere where) {
        return TALLY.formatted(PreferenceSql.choice("t"), LIKERT, where.sql());
    }
}
