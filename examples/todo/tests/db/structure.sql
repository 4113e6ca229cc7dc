-- The objects the API depends on exist with the expected shape.
begin;
select plan(31);

select schemas_are(array['api', 'data', 'public', 'request', 'settings']);

select has_table('data', 'users', 'data.users exists');
select has_table('data', 'todos', 'data.todos exists');
select has_table('settings', 'secrets', 'settings.secrets exists');
select has_view('api', 'todos', 'api.todos exists');
select view_owner_is('api', 'todos', 'api', 'api.todos is owned by api, so row level security applies');

select has_enum('data', 'user_role', 'data.user_role exists');
select enum_has_labels('data', 'user_role', array['webuser'], 'data.user_role has the webuser label');

select col_is_pk('data', 'users', 'id', 'users.id is the primary key');
select col_type_is('data', 'users', 'role', 'data.user_role', 'users.role is a data.user_role');
select col_is_unique('data', 'users', 'email', 'users.email is unique');
select col_is_pk('data', 'todos', 'id', 'todos.id is the primary key');
select col_type_is('data', 'todos', 'created_at', 'timestamp with time zone', 'todos.created_at is a timestamptz');
select col_default_is('data', 'todos', 'private', 'true', 'todos are private by default');
select col_default_is('data', 'todos', 'owner_id', 'request.user_id()', 'todos belong to the signed-in user by default');
select fk_ok('data', 'todos', 'owner_id', 'data', 'users', 'id');
select col_type_is('api', 'todos', 'mine', 'boolean', 'api.todos.mine is a boolean');

select has_index('data', 'todos', 'todos_owner_id_idx', array['owner_id'], 'todos are indexed by owner');
select is(
  (select pg_get_expr(indpred, indrelid) from pg_index
   where indexrelid = 'data.todos_public_created_at_idx'::regclass),
  '(NOT private)',
  'the index for the public list leaves private todos out'
);
select has_index('data', 'todos', 'todos_todo_lower_idx', 'lower(todo)', 'todos have a case-insensitive index on their text');

select has_trigger('data', 'users', 'users_encrypt_pass', 'users hash their passwords in a trigger');
select trigger_is('data', 'users', 'users_encrypt_pass', 'data', 'encrypt_pass');

select policies_are('data', 'todos', array[
  'todos_delete_own', 'todos_insert_own', 'todos_public', 'todos_update_own', 'todos_visible'
]);
select policy_roles_are('data', 'todos', 'todos_public', array['anonymous'], 'public todos are readable by anonymous');

select has_function('api', 'login', array['text', 'text'], 'api.login(text, text) exists');
select has_function('api', 'signup', array['text', 'text', 'text'], 'api.signup(text, text, text) exists');
select has_function('api', 'me', array[]::name[], 'api.me() exists');
select function_returns('api', 'todo_count', array[]::name[], 'bigint', 'api.todo_count() returns a bigint');
select is_definer('api', 'login', array['text', 'text'], 'api.login runs with the rights of its owner');
select isnt_definer('api', 'todo_count', array[]::name[], 'api.todo_count runs with the rights of its caller');
select is_member_of('anonymous', array['authenticator'], 'authenticator can switch to anonymous');

select * from finish();
rollback;
