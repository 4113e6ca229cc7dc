-- Who may do what. Functions are executable by PUBLIC by default, so each one is revoked
-- from PUBLIC and granted to the roles that call it.

-- Schemas
grant usage on schema api to :"anonymous", webuser;
grant usage on schema request to api, :"anonymous", webuser;
grant usage on schema data to api, :"anonymous", webuser;

-- The owner of the api views and functions
grant select, insert, update, delete on data.todos to api;
grant select, insert on data.users to api;

-- api.todo_count reads data.todos with the caller's rights; count(*) needs a column
-- privilege, and the policies decide which rows are counted.
grant select (id) on data.todos to :"anonymous", webuser;

-- Views
grant select, insert, update, delete on api.todos to webuser;
grant select (id, todo) on api.todos to :"anonymous";

-- Sequences: nextval in a column default is checked against the caller, not the view owner.
grant usage on sequence data.todos_id_seq to webuser;

-- Functions
revoke all on function settings.get(text), settings.set(text, text) from public;

revoke all on function
  request.env_var(text), request.jwt_claim(text), request.header(text),
  request.cookie(text), request.user_id(), request.user_role()
  from public;
grant execute on function
  request.env_var(text), request.jwt_claim(text), request.header(text),
  request.cookie(text), request.user_id(), request.user_role()
  to api, :"anonymous", webuser;

revoke all on function data.encrypt_pass() from public;

revoke all on function
  api.login(text, text), api.signup(text, text, text), api.me(), api.todo_count()
  from public;
grant execute on function api.login(text, text), api.signup(text, text, text) to :"anonymous";
grant execute on function api.me() to webuser;
grant execute on function api.todo_count() to :"anonymous", webuser;

-- Request helpers added later (e.g. by migrations) are callable by the same roles.
alter default privileges in schema request grant execute on functions to api, :"anonymous", webuser;
