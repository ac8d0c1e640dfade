-- Every recorded change and every ended session is announced to all instances. NOTIFY is
-- delivered at commit, in commit order, so a rolled-back change is never announced.
-- A change is announced as list_id:version:type:username (the member of a member change), so
-- an instance can tell that one of its users joined a list without reading the change.
create function notify_change() returns trigger language plpgsql as $$
begin
    perform pg_notify('livetodo_changes',
        new.list_id || ':' || new.version || ':' || new.type || ':' || coalesce(new.data ->> 'username', ''));
    return null;
end
$$;

create trigger change_log_notify after insert on change_log
    for each row execute function notify_change();

create function notify_session_ended() returns trigger language plpgsql as $$
begin
    perform pg_notify('livetodo_sessions', old.id::text);
    return null;
end
$$;

create trigger user_session_ended after delete on user_session
    for each row execute function notify_session_ended();

-- The time the change was written, not the start of its transaction: clients measure delivery from it.
alter table change_log alter column created_at set default clock_timestamp();
