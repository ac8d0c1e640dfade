-- Where each ended event stream was in each of its lists, and the moves before that, so that a
-- browser reconnecting with its last event's id (`<token>.<n>`) resumes from there on any
-- instance. Kept ten minutes; an older id makes the client reload its lists.
create table live_stream_place (
    token    varchar(32) primary key,
    user_id  bigint      not null references app_user (id) on delete cascade,
    place    bytea       not null,
    ended_at timestamptz not null default now()
);
create index live_stream_place_ended_at on live_stream_place (ended_at);
