-- The first answer to each write a user sent with an Idempotency-Key (SPEC §7), written in the
-- transaction of the write itself and replayed for a repeat within 24 hours; older rows are
-- deleted in the background.
create table idempotency_key (
    user_id     bigint       not null references app_user (id) on delete cascade,
    key         varchar(255) not null,
    fingerprint text         not null,
    status      integer      not null,
    location    text,
    etag        text,
    body        text,
    created_at  timestamptz  not null default now(),
    primary key (user_id, key)
);

create index idempotency_key_created_at on idempotency_key (created_at);
