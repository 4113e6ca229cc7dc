-- case: select on one column
-- a
create table t (id int, name text, salary numeric);
-- b
create table t (id int, name text, salary numeric);
grant select (id, name) on t to app_reader;

-- case: update on two columns
-- a
create table t (id int, name text, email text);
-- b
create table t (id int, name text, email text);
grant update (name, email) on t to app_writer;

-- case: insert and references on columns
-- a
create table t (id int, name text);
-- b
create table t (id int, name text);
grant insert (id, name), references (id) on t to app_writer;

-- case: column grant list changes
-- a
create table t (id int, name text, salary numeric);
grant select (id) on t to app_reader;
-- b
create table t (id int, name text, salary numeric);
grant select (id, name) on t to app_reader;

-- case: column grant with grant option
-- a
create table t (id int, name text);
grant select (name) on t to app_reader;
-- b
create table t (id int, name text);
grant select (name) on t to app_reader with grant option;

-- case: column grant next to a table grant
-- a
create table t (id int, note text);
grant select on t to app_reader;
-- b
create table t (id int, note text);
grant select on t to app_reader;
grant update (note) on t to app_reader;

-- case: column grant on a view column
-- a
create table t (id int, name text);
create view v as select id, name from t;
-- b
create table t (id int, name text);
create view v as select id, name from t;
grant select (name) on v to app_anon;

-- case: column grant survives a type change
-- a
create table t (id int, qty int);
grant update (qty) on t to app_writer;
-- b
create table t (id int, qty bigint);
grant update (qty) on t to app_writer;

-- case: a table-level revoke takes the same column privileges along, which are granted again
-- a
create table t (id int, a int, b int);
grant select on t to app_reader;
grant select (id, a) on t to app_reader;
grant all on t to app_writer;
grant update (a) on t to app_writer;
create view v as select id, a from t;
grant select on v to app_reader;
grant select (id) on v to app_reader;
-- b
create table t (id int, a int, b int);
grant select (id, a) on t to app_reader;
grant select, insert on t to app_writer;
grant update (a) on t to app_writer;
create view v as select id, a from t;
grant select (id) on v to app_reader;
