-- The current body of every SQL function livetodo has. Flyway runs this file after the versioned
-- migrations, and again whenever it changes: a function is changed here, never in a versioned
-- migration (which still drops a function whose arguments change, before this file makes it
-- anew). The versioned migrations keep the earlier bodies as history only.

-- Gives a list its next version and records a change under it; answers that version. The
-- caller holds the list's row lock (lock_as_member), so versions follow commit order without
-- gaps. A function, so that one statement can make a change and record it: the list stays
-- locked for one round trip instead of several. The author is the user who made the change;
-- the trace, that of the request that made it (docs/operations.md, Tracing), or null.
create or replace function record_change(list bigint, change_type text, change_data jsonb, author text, trace text) returns bigint
language plpgsql as $$
declare
    next_version bigint;
begin
    update todo_list set version = version + 1 where id = list returning version into next_version;
    insert into change_log (list_id, version, type, data, made_by, trace_id)
        values (list, next_version, change_type, change_data, author, trace);
    return next_version;
end
$$;

-- The rule that only a list's members may write to it, in the one place every write takes it:
-- locks a list for a write by one of its members and answers their role; null for anyone else,
-- who then holds up no writer. The list's row is locked first, then the membership's: a writer
-- queued behind a removal of its user finds, once it has the list, that the membership is gone
-- (the row lock sees the committed delete, where the join alone would go on using the row as it
-- was). A function, so that a write statement can take the lock itself; PL/pgSQL, which keeps
-- the query's plan between calls where an SQL function would plan it on each.
create or replace function lock_as_member(list bigint, member bigint) returns text
language plpgsql as $$
declare
    member_role text;
begin
    select m.role into member_role from todo_list l join membership m on m.list_id = l.id and m.user_id = member
     where l.id = list for no key update of l for key share of m;
    return member_role;
end
$$;

-- The rule that a list's viewers read it and write nothing, in the one place every write to its
-- todos takes it: as lock_as_member, answering 'read-only' instead of a viewer's role, so that
-- the write refuses (403) with the list locked as for any other write.
create or replace function lock_to_write(list bigint, member bigint) returns text
language plpgsql as $$
declare
    member_role text := lock_as_member(list, member);
begin
    if member_role = 'viewer' then
        return 'read-only';
    end if;
    return member_role;
end
$$;

-- As lock_to_write, for a write that adds a todo: 'full' when the list already holds `most`
-- todos. The count is read once the list is locked, so concurrent additions cannot pass the cap
-- together.
create or replace function lock_to_add(list bigint, member bigint, most integer) returns text
language plpgsql as $$
declare
    member_role text := lock_to_write(list, member);
begin
    if member_role <> 'read-only' and (select todo_count from todo_list where id = list) >= most then
        return 'full';
    end if;
    return member_role;
end
$$;

-- Keeps todo_list.todo_count, the count the cap on todos per list compares, on every insert and
-- delete of todos (bulk ones and cascades included): one update per statement and list.
create or replace function count_todos() returns trigger
language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        update todo_list l set todo_count = l.todo_count + added.n
          from (select list_id, count(*) as n from added_todos group by list_id) added where l.id = added.list_id;
    else
        update todo_list l set todo_count = l.todo_count - removed.n
          from (select list_id, count(*) as n from removed_todos group by list_id) removed where l.id = removed.list_id;
    end if;
    return null;
end
$$;

-- The member of the list with that username who may edit it (a viewer may not), or null: whom a
-- todo of the list may be assigned to. Called by a write holding the list's lock, after it took
-- it: volatile, so that it reads with a snapshot of its own, which sees a removal that committed
-- while the write waited.
create or replace function assignable(list bigint, who text) returns text
language plpgsql volatile as $$
begin
    return (select u.username from membership m join app_user u on u.id = m.user_id
             where m.list_id = list and u.username = who and m.role <> 'viewer');
end
$$;

-- A new todo's place in its list (Positions.ofId): its id, zero-padded to 19 digits, so that a
-- list never reordered is in id order and a new todo goes last, whichever statement inserts it.
create or replace function position_new_todo() returns trigger
language plpgsql as $$
begin
    new.position := coalesce(new.position, lpad(new.id::text, 19, '0'));
    return new;
end
$$;

-- An ended session is announced to all instances, at commit, so each closes its connections.
create or replace function notify_session_ended() returns trigger language plpgsql as $$
begin
    perform pg_notify('livetodo_sessions', old.id::text);
    return null;
end
$$;

-- Counts one attempt under every key, unless one of them has already reached its limit: then
-- nothing is counted and the answer is the seconds until that key's window ends (0 when counted).
-- The rows are locked in key order before anything is read, so concurrent attempts are counted
-- one after the other and cannot pass the last free attempt together, nor deadlock.
create or replace function count_attempt(keys text[], limits int[], window_length interval) returns bigint
language plpgsql as $$
declare
    counter attempt_counter;
    wait_seconds bigint := 0;
begin
    insert into attempt_counter (key, window_start, attempts)
    select key, now(), 0 from unnest(keys) as key order by key
    on conflict (key) do nothing;
    for counter in select * from attempt_counter where key = any(keys) order by key for update loop
        if counter.window_start > now() - window_length
                and counter.attempts >= limits[array_position(keys, counter.key::text)] then
            wait_seconds := greatest(wait_seconds,
                ceil(extract(epoch from counter.window_start + window_length - now()))::bigint);
        end if;
    end loop;
    if wait_seconds > 0 then
        return wait_seconds;
    end if;
    update attempt_counter
       set attempts     = case when window_start > now() - window_length then attempts + 1 else 1 end,
           window_start = case when window_start > now() - window_length then window_start else now() end
     where key = any(keys);
    return 0;
end
$$;
