-- Indexes for the analytics endpoints (issue 4): annotation filters, stats, preferences, exports.
-- docs/analytics.md explains the choices.

-- Annotation filters. Each equality filter is keyed (column, id): "column = ? and id > cursor
-- order by id limit n" is then one index range scan, already in keyset order.
create index annotation_task_id_idx on annotation (task_id, id);
create index annotation_project_id_idx on annotation (project_id, id);
create index annotation_project_name_idx on annotation (project_name, id);
create index annotation_batch_id_idx on annotation (batch_id, id);
create index annotation_batch_name_idx on annotation (batch_name, id);
create index annotation_source_idx on annotation (source_id, id);
create index annotation_model_idx on annotation (model, id);
create index annotation_completed_idx on annotation (completed_at, id);
-- value_min / value_max only make sense for one key: a range scan inside that key
create index annotation_key_value_idx on annotation (key, value_number);

-- Preferences: a turn's choice, likert_value and justification, found by turn without touching
-- the message- and task-level rows.
create index annotation_turn_level_idx on annotation (turn_pk, key) where level = 'turn';

-- Preference filters on the task (project, batch, completion) and on the candidates (source, model).
create index task_project_id_idx on task (project_id, id);
create index task_project_name_idx on task (project_name, id);
create index task_batch_id_idx on task (batch_id, id);
create index task_batch_name_idx on task (batch_name, id);
create index task_completed_idx on task (completed_at, id);
create index message_source_idx on message (source_id, turn_pk) where role = 'assistant';
create index message_model_idx on message (model, turn_pk) where role = 'assistant';
