-- Attempts (log-ins, registrations) counted per key in fixed windows, shared by every instance.
-- Unlogged: a crash only forgets the counts, which ends their windows early.
create unlogged table attempt_counter (
    key          varchar(200) primary key,
    window_start timestamptz  not null,
    attempts     integer      not null
);

-- Counts one attempt under every key, unless one of them has already reached its limit: then
-- nothing is counted and the answer is the seconds until that key's window ends (0 when counted).
-- The rows are locked in key order before anything is read, so concurrent attempts are counted
-- one after the other and cannot pass the last free attempt together, nor deadlock.
create function count_attempt(keys text[], limits int[], window_length interval) returns bigint
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
