-- Entry point of the database definition: load with
--   psql -v ON_ERROR_STOP=1 -f db/src/init.sql
-- Settings come from the environment (see .env); each falls back to the example value.
\set QUIET on
\set ON_ERROR_STOP on

\set authenticator `echo ${DB_USER:-authenticator}`
\set authenticator_pass `echo ${DB_PASS:-authenticatorpass}`
\set anonymous `echo ${DB_ANON_ROLE:-anonymous}`
\set jwt_secret `echo ${JWT_SECRET:-reallyreallyreallyreallyverysafe}`
\set jwt_lifetime 3600

\echo # Loading database definition
begin;
-- Keeps "role does not exist, skipping" notices out of a first load.
set local client_min_messages to warning;

\echo # Loading roles
\ir authorization/roles.sql

\echo # Loading extensions and helper schemas
create extension if not exists pgcrypto;
\ir libs/settings/schema.sql
\ir libs/request/schema.sql

insert into settings.secrets (key, value) values
  ('jwt_secret', :'jwt_secret'),
  ('jwt_lifetime', :'jwt_lifetime');

\echo # Loading application definitions
\ir data/schema.sql
\ir api/schema.sql

\echo # Applying privileges
\ir authorization/privileges.sql

\echo # Loading sample data
\ir data/sample_data.sql

commit;
\echo # Done
