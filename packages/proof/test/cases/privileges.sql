-- case: select granted on a table
-- a
create table t (id int);
-- b
create table t (id int);
grant select on t to app_reader;

-- case: several privileges to several roles
-- a
create table t (id int);
grant select on t to app_reader;
-- b
create table t (id int);
grant select on t to app_reader;
grant select, insert, update, delete on t to app_writer;

-- case: grant with grant option
-- a
create table t (id int);
grant select on t to app_reader;
-- b
create table t (id int);
grant select on t to app_reader with grant option;

-- case: privilege revoked from one role
-- a
create table t (id int);
grant select, insert on t to app_writer;
grant select on t to app_reader;
-- b
create table t (id int);
grant select on t to app_writer;
grant select on t to app_reader;

-- case: grant to public
-- a
create table t (id int);
-- b
create table t (id int);
grant select on t to public;

-- case: all privileges
-- a
create table t (id int);
-- b
create table t (id int);
grant all on t to app_owner;

-- case: truncate references trigger
-- a
create table t (id int);
-- b
create table t (id int);
grant truncate, references, trigger on t to app_writer;

-- case: owner privileges revoked
-- a
create table t (id int);
-- b
create table t (id int);
revoke all on t from current_user;

-- case: grants on a table owned by another role
-- a
create table t (id int);
alter table t owner to app_owner;
-- b
create table t (id int);
alter table t owner to app_owner;
grant select on t to app_reader;
revoke delete on t from app_owner;

-- case: view grants
-- a
create table t (id int);
create view v as select id from t;
-- b
create table t (id int);
create view v as select id from t;
grant select on v to app_anon;

-- case: sequence grants
-- a
create sequence s;
-- b
create sequence s;
grant usage on sequence s to app_writer;

-- case: function execute grants
-- a
create function f() returns int language sql as $$ select 1 $$;
-- b
create function f() returns int language sql as $$ select 1 $$;
revoke execute on function f() from public;
grant execute on function f() to app_reader, app_writer;

-- case: schema grants
-- a
create schema app;
-- b
create schema app;
grant usage on schema app to app_reader, app_anon;
grant all on schema app to app_writer;

-- case: type usage revoked from public
-- a
create type mood as enum ('sad', 'ok');
-- b
create type mood as enum ('sad', 'ok');
revoke usage on type mood from public;
grant usage on type mood to app_reader;

-- case: domain usage grant
-- a
create domain code as text;
-- b
create domain code as text;
revoke usage on domain code from public;
grant usage on domain code to app_writer with grant option;

-- case: grants move between roles
-- a
create table t (id int);
grant select on t to app_reader;
grant insert on t to app_writer;
-- b
create table t (id int);
grant select on t to app_reader, app_writer;

-- case: grants on a partitioned table
-- a
create table m (id int, at date) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
-- b
create table m (id int, at date) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
grant select on m to app_reader;
grant select, insert on m_2024 to app_writer;

-- case: table grant revoked while a column grant to the same role is added
-- a
create table t (a int, b int);
grant select on t to app_reader;
-- b
create table t (a int, b int);
grant select (a) on t to app_reader;

-- case: materialized view grant narrowed to a column grant
-- a
create table t (a int, b int);
create materialized view mv as select a, b from t;
grant select on mv to app_reader;
-- b
create table t (a int, b int);
create materialized view mv as select a, b from t;
grant select (a) on mv to app_reader;

-- case: a new grantee that comes before the existing ones in the ACL
-- a
create table ledger (id int, amount numeric);
grant select on ledger to app_reader;
grant select, insert on ledger to app_writer;
grant select (amount) on ledger to app_reader;
-- b
create table ledger (id int, amount numeric);
grant select on ledger to app_anon;
grant select on ledger to app_reader;
grant select, insert on ledger to app_writer;
grant select (amount) on ledger to app_anon;
grant select (amount) on ledger to app_reader;
