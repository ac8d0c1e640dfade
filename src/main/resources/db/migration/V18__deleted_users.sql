-- A deleted account leaves its name behind, and nothing else: the row keeps the username reserved
-- (the change log and todos name their authors by it) and can never be logged in to again.
alter table app_user add column deleted_at timestamptz;
