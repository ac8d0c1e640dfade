-- The views across a user's lists (SPEC §8): the time zone their days are in, an index for the
-- due todos of each list, and full-text search of names and notes.
alter table app_user add column time_zone text not null default 'UTC';

create index todo_due on todo (list_id, due_date) where not finished and due_date is not null;

drop index todo_assignee;
create index todo_assignee on todo (assignee, list_id) where assignee is not null and not finished;

-- The 'simple' configuration: words as written, lowercased, in any language, no stemming.
alter table todo add column search tsvector
    generated always as (to_tsvector('simple', name || ' ' || notes)) stored;
create index todo_search on todo using gin (search);
