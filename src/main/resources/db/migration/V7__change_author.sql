-- Who made each change (SPEC §7: every change message carries "by"): the username, as todos keep
-- theirs, since usernames never change. Changes recorded before this have none.
alter table change_log add column made_by varchar(32);

drop function record_change(bigint, text, jsonb);

-- As in V5, with the author of the change.
create function record_change(list bigint, change_type text, change_data jsonb, author text) returns bigint
language plpgsql as $$
declare
    next_version bigint;
begin
    update todo_list set version = version + 1 where id = list returning version into next_version;
    insert into change_log (list_id, version, type, data, made_by) values (list, next_version, change_type, change_data, author);
    return next_version;
end
$$;
