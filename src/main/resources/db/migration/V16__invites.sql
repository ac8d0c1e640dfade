-- Invite links to a list: the token is the client's, only its SHA-256 hash is kept. Uses are
-- counted by one conditional update (Invites.USE), which cannot pass max_uses, and the check
-- constraint says so again.
create table list_invite (
    id          bigserial    primary key,
    list_id     bigint       not null references todo_list (id) on delete cascade,
    token_hash  bytea        not null unique,
    role        varchar(16)  not null check (role in ('member', 'viewer')),
    created_at  timestamptz  not null default now(),
    expires_at  timestamptz  not null,
    max_uses    integer      not null check (max_uses between 1 and 1000),
    uses        integer      not null default 0 check (uses between 0 and max_uses),
    revoked_at  timestamptz
);
create index list_invite_list on list_invite (list_id);
