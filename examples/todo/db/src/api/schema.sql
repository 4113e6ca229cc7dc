-- The schema PostgREST exposes (DB_SCHEMA). Views and functions here are owned by the api
-- role: views so that row level security on the data tables applies, security definer
-- functions so that they run with no more rights than api has.
create schema api;
comment on schema api is 'The HTTP API: every view and function here is an endpoint';

\ir todos.sql
\ir auth.sql
