-- The trace of the request that made each change (docs/operations.md, Tracing), when it was
-- traced: every instance that fans the change out names it in its log. Null when tracing is off.
alter table change_log add column trace_id varchar(32);

drop function record_change(bigint, text, jsonb, text);

-- As in V7, with the trace.
create function record_change(list bigint, change_type text, change_data jsonb, author text, trace text) returns bigint
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
