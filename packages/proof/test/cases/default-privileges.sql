-- case: default select on tables for a role in a schema
-- a
create schema app;
-- b
create schema app;
alter default privileges for role app_owner in schema app grant select on tables to app_reader;

-- case: default sequence privileges
-- a
create schema app;
-- b
create schema app;
alter default privileges for role app_owner in schema app grant usage, select on sequences to app_writer;

-- case: default function execute revoked from public everywhere
-- a
-- b
alter default privileges for role app_owner revoke execute on functions from public;

-- case: default type usage revoked from public
-- a
-- b
alter default privileges for role app_owner revoke usage on types from public;

-- case: default privileges change roles
-- a
create schema app;
alter default privileges for role app_owner in schema app grant select on tables to app_reader;
-- b
create schema app;
alter default privileges for role app_owner in schema app grant select on tables to app_reader, app_anon;
alter default privileges for role app_owner in schema app grant insert, update, delete on tables to app_writer;

-- case: default privileges with grant option
-- a
-- b
alter default privileges for role app_owner grant select on tables to app_reader with grant option;

-- case: default schema privileges
-- a
-- b
alter default privileges for role app_owner grant usage on schemas to app_reader;

-- case: default function grants in a schema
-- a
create schema api;
-- b
create schema api;
alter default privileges for role app_owner in schema api grant execute on functions to app_anon;

-- case: default privileges for the current role
-- a
create schema app;
-- b
create schema app;
alter default privileges in schema app grant select on tables to app_reader;

-- case: table created under default privileges
-- a
create schema app;
alter default privileges in schema app grant select on tables to app_reader;
-- b
create schema app;
alter default privileges in schema app grant select on tables to app_reader;
create table app.t (id int);

-- case: table created before default privileges existed
-- a
create schema app;
create table app.t (id int);
-- b
create schema app;
create table app.t (id int);
alter default privileges in schema app grant select on tables to app_reader;

-- case: table created under default privileges, one of the granted privileges revoked
-- a
create schema app;
alter default privileges in schema app grant select, insert on tables to app_reader;
-- b
create schema app;
alter default privileges in schema app grant select, insert on tables to app_reader;
create table app.t (id int);
revoke insert on app.t from app_reader;

-- case: function created while default privileges keep EXECUTE from PUBLIC
-- a
create schema app;
alter default privileges revoke execute on functions from public;
-- b
create schema app;
alter default privileges revoke execute on functions from public;
create function app.f() returns int language sql as 'select 1';
grant execute on function app.f() to app_reader;

-- case: default privileges and a table created in one migration
-- a
create schema app;
-- b
create schema app;
alter default privileges in schema app grant select on tables to app_reader;
create table app.t (id int);
create table app.u (id int);
revoke select on app.u from app_reader;
