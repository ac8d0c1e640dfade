-- What a todo carries besides its name and tick (SPEC §8): notes; when it is due, a day or a
-- moment (a day and a time in an IANA time zone, with the instant that names, computed by the
-- application with java.time's rules); and whom it is assigned to, a member of its list.
alter table todo add column notes text not null default '';
alter table todo add column due_date date;
alter table todo add column due_time time;
alter table todo add column due_zone text;
alter table todo add column due_at timestamptz;
alter table todo add column assignee varchar(32) references app_user (username);
alter table todo add constraint todo_due_whole check (
    (due_time is null and due_zone is null and due_at is null)
    or (due_date is not null and due_time is not null and due_zone is not null and due_at is not null));

create index todo_assignee on todo (assignee) where assignee is not null;

create function assignable(list bigint, who text) returns text
language plpgsql volatile as $$
begin
    return (select u.username from membership m join app_user u on u.id = m.user_id
             where m.list_id = list and u.username = who);
end
$$;
