-- The version of the change that (last) added the member: what the list went through before it
-- is not theirs to see, so a live client cannot replay it. Members from before this column
-- count as having joined at version 0.
alter table membership add column joined_version bigint not null default 0;
