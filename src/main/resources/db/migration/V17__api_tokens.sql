-- Personal API tokens are sessions with a scope and a name: the same lookup, cache and ending
-- (the trigger on user_session announces a deleted one to every instance). A token has no idle
-- timeout, only its expiry; last_seen_at is when it was last used.
alter table user_session add column scope varchar(8) check (scope in ('read', 'write'));
alter table user_session add column name varchar(100);
alter table user_session add constraint user_session_token_named check ((scope is null) = (name is null));
