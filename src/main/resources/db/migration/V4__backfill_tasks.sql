-- Which tasks each backfill queued. A delivery row is shared by every backfill (and callback)
-- that touches its task, so a column on it could only name the latest backfill and older
-- backfills undercounted their outcomes.
create table backfill_task (
    backfill_id bigint not null references backfill (id) on delete cascade,
    task_id     text   not null,
    primary key (backfill_id, task_id)
);

drop index delivery_backfill_idx;
alter table delivery drop column backfill_id;
