-- case: create an empty schema
-- a
-- b
create schema app;

-- case: create a schema holding a table
-- a
-- b
create schema app;
create table app.account (id int primary key, name text not null);

-- case: schema owner
-- a
create schema app;
-- b
create schema app authorization app_owner;

-- case: schema owner changes between roles
-- a
create schema app authorization app_owner;
-- b
create schema app authorization app_writer;

-- case: schema comment added
-- a
create schema app;
-- b
create schema app;
comment on schema app is 'application objects';

-- case: schema comment changed
-- a
create schema app;
comment on schema app is 'application objects';
-- b
create schema app;
comment on schema app is 'application objects, version 2';

-- case: schema usage granted
-- a
create schema app;
-- b
create schema app;
grant usage on schema app to app_reader;

-- case: schema grants to several roles with grant option
-- a
create schema app;
grant usage on schema app to app_reader;
-- b
create schema app;
grant usage on schema app to app_reader, app_writer;
grant create on schema app to app_writer with grant option;

-- case: table moves to another schema
-- a
create schema s1;
create schema s2;
create table s1.item (id int primary key);
-- b
create schema s1;
create schema s2;
create table s2.item (id int primary key);

-- case: schema with a mixed-case quoted name
-- a
-- b
create schema "Reporting Area";
create table "Reporting Area"."Daily Totals" ("Day" date primary key, "Total" numeric);

-- case: two schemas with same-named tables
-- a
create schema s1;
create table s1.t (id int);
-- b
create schema s1;
create schema s2;
create table s1.t (id int);
create table s2.t (id bigint, note text);
