package io.annotationstore.query;

/**
 * Compared turns in SQL. A turn is compared when it has two or more assistant messages (the
 * candidates) and a choice: its first {@code selected_model_id} annotation, else the first
 * element of its first {@code ranked_choices} annotation. docs/analytics.md states the rules.
 */
final class PreferenceSql {

    // The first element of ranked_choices is matched in the JSON text, as casting the whole value
    // to jsonb fails on numbers beyond numeric's range. Only that string literal is decoded; jsonb
    // refuses it only when it escapes NUL or a surrogate (value_json escapes only unpaired ones),
    // which is then no choice.
    private static final String CHOICE = """
            coalesce(
              (select c.value_text from annotation c
               where c.turn_pk = %1$s.id and c.level = 'turn' and c.key = 'selected_model_id'
                 and c.value_text is not null
               order by c.position, c.id limit 1),
              (select case when f.literal !~ '\\\\u(0000|[dD][89a-fA-F])' then f.literal::jsonb #>> '{}' end
               from annotation c
               cross join lateral (select (regexp_match(c.value_json, '^\\[\\s*("(?:[^"\\\\]|\\\\.)*")'))[1]
                                          as literal) f
               where c.turn_pk = %1$s.id and c.level = 'turn' and c.type = 'ranked_choices'
               order by c.position, c.id limit 1))""";

    private static final String TURN_TEXT = """
            (select x.%3$s from annotation x
             where x.turn_pk = t.id and x.level = 'turn' and x.key = '%1$s' and x.%2$s is not null
             order by x.position, x.id limit 1)""";

    // earlier turns contribute their user/system messages and the response the conversation went
    // on from: the chosen one, else the first
    private static final String PROMPT = """
            (select json_agg(json_build_object('role', pm.role, 'content', pm.content_text,
                                               'original', pm.original_text::json)
                             order by pt.position, pm.position)
             from turn pt
             cross join lateral (select %s as choice) pc
             join message pm on pm.turn_pk = pt.id
             where pt.thread_pk = t.thread_pk and pt.position <= t.position
               and (pm.role is distinct from 'assistant'
                    or (pt.position < t.position
                        and pm.id = (select r.id from message r
                                     where r.turn_pk = pt.id and r.role = 'assistant'
                                     order by coalesce(r.source_id = pc.choice, false) desc, r.position
                                     limit 1))))""";

    private static final String COMPARED_TURNS = """
            select t.id as turn_pk, k.task_id, k.project_id, k.project_name, k.batch_id, k.batch_name,
                   k.completed_at, th.thread_id, t.turn_id, ch.choice, cand.candidates::text as candidates,
                   case when cand.chosen then ch.choice end as winner,
                   %s as likert_value, %s as justification,
                   coalesce(%s, '[]'::json)::text as prompt,
                   k.original_text as task_original, th.original_text as thread_original,
                   t.original_text as turn_original, %s as choice_original, %s as justification_original
            from turn t
            join thread th on th.id = t.thread_pk
            join task k on k.id = t.task_pk
            cross join lateral (select %s as choice) ch
            cross join lateral (
              select count(*) as n, coalesce(bool_or(m.source_id = ch.choice), false) as chosen,
                     json_agg(json_build_object('source_id', m.source_id, 'model', m.model, 'text', m.content_text,
                                                'original', m.original_text::json)
                              order by m.position) as candidates
              from message m where m.turn_pk = t.id and m.role = 'assistant') cand
            where ch.choice is not null and cand.n >= 2 and t.id > ? and %s
            order by t.id""";

    private PreferenceSql() {}

    /** The choice of the turn aliased {@code turn}: a source id, or text naming no candidate. */
    static String choice(String turn) {
        return CHOICE.formatted(turn);
    }

    /**
     * Every compared turn after a turn id (the first placeholder), matching {@code where}, in turn
     * order. Columns: turn_pk, task and turn ids, choice, winner, candidates and prompt (JSON, each
     * message with its {@code original}), and the original text of the rows the answer's text
     * comes from (docs/security.md).
     */
    static String comparedTurns(SqlWhere where) {
        return COMPARED_TURNS.formatted(
                TURN_TEXT.formatted("likert_value", "value_number", "value_number"),
                TURN_TEXT.formatted("justification", "value_text", "value_text"),
                PROMPT.formatted(choice("pt")),
                // the rows the choice's first branch and the justification are read from
                TURN_TEXT.formatted("selected_model_id", "value_text", "original_text"),
                TURN_TEXT.formatted("justification", "value_text", "original_text"),
                choice("t"),
                where.sql());
    }
}
