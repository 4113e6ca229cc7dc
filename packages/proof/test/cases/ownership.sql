-- case: table owner
-- a
create table t (id int);
-- b
create table t (id int);
alter table t owner to app_owner;

-- case: table owner moves between roles
-- a
create table t (id int);
alter table t owner to app_owner;
-- b
create table t (id int);
alter table t owner to app_writer;

-- case: table with an identity column changes owner
-- a
create table t (id int generated always as identity, name text);
-- b
create table t (id int generated always as identity, name text);
alter table t owner to app_owner;

-- case: view owner
-- a
create table t (id int);
create view v as select id from t;
-- b
create table t (id int);
create view v as select id from t;
alter view v owner to app_owner;

-- case: materialized view owner
-- a
create table t (id int);
create materialized view mv as select id from t;
-- b
create table t (id int);
create materialized view mv as select id from t;
alter materialized view mv owner to app_owner;

-- case: sequence owner
-- a
create sequence s;
-- b
create sequence s;
alter sequence s owner to app_owner;

-- case: function owner
-- a
create function f() returns int language sql as $$ select 1 $$;
-- b
create function f() returns int language sql as $$ select 1 $$;
alter function f() owner to app_owner;

-- case: procedure owner
-- a
create procedure p() language sql as $$ select 1 $$;
-- b
create procedure p() language sql as $$ select 1 $$;
alter procedure p() owner to app_writer;

-- case: enum owner
-- a
create type mood as enum ('sad');
-- b
create type mood as enum ('sad');
alter type mood owner to app_owner;

-- case: composite type owner
-- a
create type pair as (k text, v int);
-- b
create type pair as (k text, v int);
alter type pair owner to app_owner;

-- case: domain owner
-- a
create domain code as text;
-- b
create domain code as text;
alter domain code owner to app_owner;

-- case: schema owner
-- a
create schema app;
-- b
create schema app;
alter schema app owner to app_owner;

-- case: collation owner
-- a
create collation c1 (locale = 'C');
-- b
create collation c1 (locale = 'C');
alter collation c1 owner to app_owner;

-- case: partitioned table and partition owners
-- a
create table m (id int, at date) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
-- b
create table m (id int, at date) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
alter table m owner to app_owner;
alter table m_2024 owner to app_owner;

-- case: owner of everything in a schema
-- a
create schema app;
create table app.t (id int);
create view app.v as select id from app.t;
create function app.f() returns int language sql as $$ select 1 $$;
-- b
create schema app authorization app_owner;
create table app.t (id int);
create view app.v as select id from app.t;
create function app.f() returns int language sql as $$ select 1 $$;
alter table app.t owner to app_owner;
alter view app.v owner to app_owner;
alter function app.f() owner to app_owner;
