-- A todo's place in its list (Positions): a key compared byte by byte (collation "C"), then the
-- id. Until a todo is moved its key is its id, zero-padded, so a list never reordered keeps id
-- order; the database gives every new todo that key itself, whichever statement inserts it.
alter table todo add column position text collate "C";
update todo set position = lpad(id::text, 19, '0');
alter table todo alter column position set not null;

create function position_new_todo() returns trigger
language plpgsql as $$
begin
    new.position := coalesce(new.position, lpad(new.id::text, 19, '0'));
    return new;
end
$$;

create trigger todo_positioned before insert on todo for each row execute function position_new_todo();

-- A list's todos in list order, and paging through them after a todo.
drop index todo_list_order;
create index todo_list_order on todo (list_id, position, id);
