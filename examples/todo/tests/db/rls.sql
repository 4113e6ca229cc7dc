-- Row level security: each caller sees and changes exactly the todos the policies allow.
-- Seed: alice (1) owns 1, 2 (public), 3; bob (2) owns 4, 5 (public); charlie (3) owns 6.
begin;
select plan(13);

set local role webuser;
set local request.jwt.claims to '{"user_id": 1, "role": "webuser"}';

select results_eq(
  'select id from api.todos order by id',
  array[1, 2, 3, 5],
  'alice sees her own todos and the public ones of others'
);
select results_eq(
  'select id from api.todos where mine order by id',
  array[1, 2, 3],
  'mine marks the todos alice owns'
);
select is(api.todo_count(), 4::bigint, 'api.todo_count counts what alice may see');

update api.todos set todo = 'changed by alice' where id in (3, 4, 5);
delete from api.todos where id in (1, 5);
insert into api.todos (todo) values ('new from alice');

select results_eq(
  $$ select id, todo from api.todos where id in (3, 5) order by id $$,
  $$ values (3, 'changed by alice'), (5, 'item_5') $$,
  'alice can update her own todo but not a public one of bob'
);
select results_eq(
  'select id from api.todos where id in (1, 5) order by id',
  array[5],
  'alice can delete her own todo but not a public one of bob'
);
select results_eq(
  $$ select private, mine from api.todos where todo = 'new from alice' $$,
  $$ values (true, true) $$,
  'a new todo is private and belongs to its author'
);

set local request.jwt.claims to '{"user_id": 2, "role": "webuser"}';

select results_eq(
  'select id from api.todos order by id',
  array[2, 4, 5],
  'bob sees his own todos and the public ones of others'
);

reset role;
select results_eq(
  $$ select owner_id from data.todos where todo = 'new from alice' $$,
  array[1],
  'the new todo is stored with alice as its owner'
);
select is(
  (select count(*) from data.todos where id = 4 and todo = 'item_4'),
  1::bigint,
  'bob''s private todo is unchanged'
);

set local role anonymous;
set local request.jwt.claims to '';

select results_eq(
  'select id, todo from api.todos order by id',
  $$ values (2, 'item_2'), (5, 'item_5') $$,
  'anonymous sees public todos only'
);
select throws_ok(
  'select mine from api.todos',
  '42501',
  null,
  'anonymous cannot read columns beyond id and todo'
);
select is(api.todo_count(), 2::bigint, 'api.todo_count counts public todos for anonymous');
select throws_ok(
  $$ insert into api.todos (todo) values ('from nobody') $$,
  '42501',
  null,
  'anonymous cannot add todos'
);

select * from finish();
rollback;
