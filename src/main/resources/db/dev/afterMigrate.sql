-- Dev mode only: the demo user (demo / demo-password) with the tutorial's two todos.
-- The hash is bcrypt (cost 10) of the password's SHA-256 digest, as PasswordHasher computes it.
insert into app_user (username, password_hash)
values ('demo', '$2a$10$l5CJFKPvKjFOrWmxtpEBp.FrYrZasyAKuc85V3FTcMKfP2iUSq2RC')
on conflict do nothing;

insert into todo_list (name, owner_id, personal)
select 'Todos', id, true from app_user where username = 'demo'
on conflict do nothing;

insert into membership (list_id, user_id, role)
select l.id, l.owner_id, 'owner' from todo_list l join app_user u on u.id = l.owner_id
 where u.username = 'demo' and l.personal
on conflict do nothing;

insert into todo (list_id, name, finished, created_by, updated_by)
select l.id, t.name, t.finished, 'demo', 'demo'
  from todo_list l join app_user u on u.id = l.owner_id,
       (values ('Start this tutorial', true), ('Finish this tutorial', false)) as t (name, finished)
 where u.username = 'demo' and l.personal
on conflict do nothing;
