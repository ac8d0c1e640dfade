-- A list's members may be viewers: they read it and follow it live, and write nothing
-- (lock_to_write, R__functions.sql, is where that is decided).
alter table membership drop constraint membership_role_check;
alter table membership add constraint membership_role_check check (role in ('owner', 'member', 'viewer'));
