-- The authentication functions and settings behave as the API promises.
begin;
select plan(10);

set local role anonymous;

select set_eq(
  $$ select json_object_keys(api.login('alice@email.com', 'pass')) $$,
  array['id', 'name', 'email', 'role'],
  'login returns the user''s id, name, email and role'
);
select is(
  api.login('alice@email.com', 'pass')::jsonb,
  '{"id": 1, "name": "alice", "email": "alice@email.com", "role": "webuser"}'::jsonb,
  'login returns alice''s claims'
);
select throws_ok(
  $$ select api.login('alice@email.com', 'wrong') $$,
  '28P01',
  'invalid email or password',
  'login rejects a wrong password'
);
select throws_ok(
  $$ select api.login('nobody@email.com', 'pass') $$,
  '28P01',
  'invalid email or password',
  'login rejects an unknown email'
);

select is(
  api.signup('dana', 'dana@email.com', 'secret') ->> 'role',
  'webuser',
  'signup creates a webuser'
);
select is(
  api.login('dana@email.com', 'secret') ->> 'email',
  'dana@email.com',
  'a new user can log in with the password they signed up with'
);
select throws_ok(
  $$ select api.signup('eve', 'not-an-email', 'secret') $$,
  '23514',
  null,
  'signup rejects an invalid email'
);

reset role;
select isnt(
  (select password from data.users where email = 'dana@email.com'),
  'secret',
  'passwords are stored hashed'
);

set local role webuser;
set local request.jwt.claims to '{"user_id": 2, "role": "webuser"}';
select is(api.me() ->> 'name', 'bob', 'me returns the signed-in user');

reset role;
select is(settings.get('jwt_secret'), 'reallyreallyreallyreallyverysafe', 'the JWT secret is stored in settings');

select * from finish();
rollback;
