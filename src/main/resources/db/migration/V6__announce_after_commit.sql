-- A change is no longer announced by a trigger inside its transaction: NOTIFY takes a lock that
-- every committing notifier waits for, which cost a third of the write rate. The instance that
-- wrote the change announces it once committed, many changes to one NOTIFY (ChangeAnnouncer),
-- and every instance sweeps the recent log for a change whose writer died before announcing it
-- (ChangeFeed). BRIN: the log is written in time order, and a block range index costs writes
-- next to nothing.
drop trigger change_log_notify on change_log;
drop function notify_change();
create index change_log_recent on change_log using brin (created_at);
