-- Gives a list its next version and records a change under it; answers that version. The
-- caller holds the list's row lock (see ChangeLog), so versions follow commit order without gaps.
-- A function, so that one statement can make a change and record it: the list stays locked for
-- one round trip instead of several.
create function record_change(list bigint, change_type text, change_data jsonb) returns bigint
language plpgsql as $$
declare
    next_version bigint;
begin
    update todo_list set version = version + 1 where id = list returning version into next_version;
    insert into change_log (list_id, version, type, data) values (list, next_version, change_type, change_data);
    return next_version;
end
$$;

-- Locks a list for a write by one of its members and answers their role; null for anyone else,
-- who then holds up no writer. The list's row is locked first, then the membership's: a writer
-- queued behind a removal of its user finds, once it has the list, that the membership is gone
-- (the row lock sees the committed delete, where the join alone would go on using the row as it
-- was). A function, so that a write statement can take the lock itself; PL/pgSQL, which keeps
-- the query's plan between calls where an SQL function would plan it on each.
create function lock_as_member(list bigint, member bigint) returns text
language plpgsql as $$
declare
    member_role text;
begin
    select m.role into member_role from todo_list l join membership m on m.list_id = l.id and m.user_id = member
     where l.id = list for no key update of l for key share of m;
    return member_role;
end
$$;

-- A list's todos in id order (GET /todos/, pages): without it PostgreSQL walks the whole table
-- by id and filters by list.
create index todo_list_order on todo (list_id, id);
