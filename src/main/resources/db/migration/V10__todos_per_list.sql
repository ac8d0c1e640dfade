-- How many todos each list holds, kept by the database itself on every insert and delete (bulk
-- ones and cascades included), so that the cap on todos per list is one comparison under the
-- list's lock rather than a count of its rows.
alter table todo_list add column todo_count integer not null default 0;
update todo_list l set todo_count = (select count(*) from todo t where t.list_id = l.id);

create function count_todos() returns trigger
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

create trigger todo_counted_on_insert after insert on todo
    referencing new table as added_todos for each statement execute function count_todos();
create trigger todo_counted_on_delete after delete on todo
    referencing old table as removed_todos for each statement execute function count_todos();

-- As lock_as_member (V5), for a write that adds a todo: 'full' when the list already holds
-- `most` todos. Read under the lock, so that concurrent additions cannot pass the cap together.
create function lock_to_add(list bigint, member bigint, most integer) returns text
language plpgsql as $$
declare
    member_role text;
    held integer;
begin
    select m.role, l.todo_count into member_role, held from todo_list l join membership m on m.list_id = l.id and m.user_id = member
     where l.id = list for no key update of l for key share of m;
    if member_role is not null and held >= most then
        return 'full';
    end if;
    return member_role;
end
$$;
