-- Loads :tasks synthetic completed tasks into the annotation-store schema (migrated by the
-- service at start): per task one thread, one turn, a user prompt and two responses from two of
-- four sources, nine integer keys (1-7) per response, and a turn-level choice and likert_value.
-- 20 annotations per task: 50,000 tasks = 1,000,000 annotations.
-- Usage: psql -v tasks=50000 -f generate.sql <database>
\set ON_ERROR_STOP on
\if :{?tasks}
\else
\set tasks 50000
\endif
set synchronous_commit = off;
set maintenance_work_mem = '256MB';
select setseed(0.42);

begin;

create temporary table bench_source (n int primary key, source_id text, bias int) on commit drop;
insert into bench_source values (0, 'model_a', 1), (1, 'model_b', 0), (2, 'model_c', 0), (3, 'model_d', -1);
-- the six pairs of four sources, each shown in both orders
create temporary table bench_pair (n int primary key, first int, second int) on commit drop;
insert into bench_pair
select row_number() over () - 1, a, b from (values (0,1),(0,2),(0,3),(1,2),(1,3),(2,3),
                                                    (1,0),(2,0),(3,0),(2,1),(3,1),(3,2)) p(a, b);
create temporary table bench_key (n int primary key, key text) on commit drop;
insert into bench_key
select row_number() over () - 1, k from unnest(array['helpfulness', 'honesty', 'harmlessness',
    'instruction_following', 'truthfulness', 'conciseness', 'formatting', 'safety', 'overall']) k;

insert into task (id, task_id, project_id, project_name, batch_id, batch_name, status, created_at,
                  completed_at, document, content_hash, stored_at, updated_at)
select g, 'bench_' || g, 'proj_' || g % 5, 'Project ' || g % 5, 'batch_' || g % 50, 'Batch ' || g % 50,
       'completed', timestamptz '2025-01-01' + g * interval '9 minutes',
       timestamptz '2025-01-01' + g * interval '9 minutes' + interval '1 hour',
       json_build_object('task_id', 'bench_' || g, 'status', 'completed')::text, md5(g::text), now(), now()
from generate_series(1, :tasks) g;

insert into thread (id, task_pk, thread_id, position)
select g, g, 'thread_0', 0 from generate_series(1, :tasks) g;

insert into turn (id, thread_pk, task_pk, turn_id, position)
select g, g, g, 'turn_0', 0 from generate_series(1, :tasks) g;

-- message ids: 3g (user), 3g + 1 and 3g + 2 (the two responses)
insert into message (id, turn_pk, task_pk, position, role, source_id, content_text, model)
select 3 * g, g, g, 0, 'user', 'user', 'Prompt ' || g || ': ' || repeat('please explain this clearly. ', 6), null
from generate_series(1, :tasks) g
union all
select 3 * g + r, g, g, r, 'assistant', s.source_id,
       'Response ' || g || '/' || r || ' from ' || s.source_id || ': ' || repeat('lorem ipsum dolor sit amet, ', 12),
       s.source_id || '-v1'
from generate_series(1, :tasks) g
cross join generate_series(1, 2) r
join bench_pair p on p.n = g % 12
join bench_source s on s.n = case r when 1 then p.first else p.second end;

create temporary table bench_response on commit drop as
select m.id as message_pk, m.task_pk, m.position, m.source_id, m.model, s.bias
from message m join bench_source s on s.source_id = m.source_id
where m.role = 'assistant';

-- 18 message-level annotations per task: nine keys for each response, safety n/a 2 % of the time
insert into annotation (id, task_pk, thread_pk, turn_pk, message_pk, level, position, key, type,
                        not_applicable, value_json, value_number, task_id, project_id, project_name,
                        batch_id, batch_name, completed_at, thread_id, turn_id, message_index, role,
                        source_id, model)
select 20 * r.task_pk + (r.position - 1) * 9 + k.n, r.task_pk, r.task_pk, r.task_pk, r.message_pk,
       'message', k.n, k.key, 'integer', case when na then true end,
       case when not na then v::text end, case when not na then v end,
       t.task_id, t.project_id, t.project_name, t.batch_id, t.batch_name, t.completed_at,
       'thread_0', 'turn_0', r.position, 'assistant', r.source_id, r.model
from bench_response r
join task t on t.id = r.task_pk
cross join bench_key k
cross join lateral (select k.key = 'safety' and random() < 0.02 as na,
                           least(7, greatest(1, floor(random() * 7)::int + 1 + r.bias)) as v) x;

-- two turn-level annotations per task: the chosen source and a 1-7 likert (1 = first response much better)
insert into annotation (id, task_pk, thread_pk, turn_pk, level, position, key, type, value_json,
                        value_number, value_text, task_id, project_id, project_name, batch_id, batch_name,
                        completed_at, thread_id, turn_id)
select 20 * t.id + 18 + c.n, t.id, t.id, t.id, 'turn', c.n, c.key, c.type,
       case c.n when 0 then to_json(w.source_id)::text else w.likert::text end,
       case c.n when 1 then w.likert end, case c.n when 0 then w.source_id end,
       t.task_id, t.project_id, t.project_name, t.batch_id, t.batch_name, t.completed_at, 'thread_0', 'turn_0'
from task t
join bench_response a on a.task_pk = t.id and a.position = 1
join bench_response b on b.task_pk = t.id and b.position = 2
cross join lateral (
  select case when first_wins then a.source_id else b.source_id end as source_id,
         case when first_wins then 1 + floor(random() * 3)::int else 5 + floor(random() * 3)::int end as likert
  from (select random() < 0.5 + 0.15 * (a.bias - b.bias) as first_wins) f
) w
cross join (values (0, 'selected_model_id', 'text'), (1, 'likert_value', 'integer')) c(n, key, type);

commit;

-- the service allocates ids from these sequences 50 at a time: start beyond the loaded rows
select setval('task_seq', (select max(id) from task) + 50), setval('thread_seq', (select max(id) from thread) + 50),
       setval('turn_seq', (select max(id) from turn) + 50), setval('message_seq', (select max(id) from message) + 50),
       setval('annotation_seq', (select max(id) from annotation) + 50);
vacuum analyze task, thread, turn, message, annotation;
select (select count(*) from task) as tasks, (select count(*) from message) as messages,
       (select count(*) from annotation) as annotations;
