-- Grants: request roles reach the api schema only, and only what they need there.
begin;
select plan(16);

select schema_privs_are('api', 'anonymous', array['USAGE'], 'anonymous may use the api schema');
select schema_privs_are('api', 'webuser', array['USAGE'], 'webuser may use the api schema');
select schema_privs_are('settings', 'webuser', array[]::text[], 'webuser cannot use the settings schema');

select table_privs_are('api', 'todos', 'webuser', array['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  'webuser may read and change api.todos');
select table_privs_are('api', 'todos', 'anonymous', array[]::text[],
  'anonymous has no table-wide privilege on api.todos');
select column_privs_are('api', 'todos', 'todo', 'anonymous', array['SELECT'],
  'anonymous may read api.todos.todo');
select column_privs_are('api', 'todos', 'mine', 'anonymous', array[]::text[],
  'anonymous may not read api.todos.mine');
select table_privs_are('data', 'todos', 'webuser', array[]::text[],
  'webuser has no table-wide privilege on data.todos');
select table_privs_are('data', 'users', 'webuser', array[]::text[],
  'webuser cannot read data.users');
select table_privs_are('data', 'todos', 'api', array['DELETE', 'INSERT', 'SELECT', 'UPDATE'],
  'api may read and change data.todos for its views');
select sequence_privs_are('data', 'todos_id_seq', 'webuser', array['USAGE'],
  'webuser may draw todo ids');

select function_privs_are('api', 'login', array['text', 'text'], 'anonymous', array['EXECUTE'],
  'anonymous may log in');
select function_privs_are('api', 'me', array[]::text[], 'anonymous', array[]::text[],
  'anonymous may not call api.me');
select function_privs_are('api', 'me', array[]::text[], 'webuser', array['EXECUTE'],
  'webuser may call api.me');
select function_privs_are('settings', 'get', array['text'], 'webuser', array[]::text[],
  'webuser may not read settings');
select function_privs_are('api', 'login', array['text', 'text'], 'public', array[]::text[],
  'api.login is not executable by public');

select * from finish();
rollback;
