-- Rewrite rules (CREATE RULE), on tables and views.

-- case: rule on a table created
-- a
create table t (id int, name text);
-- b
create table t (id int, name text);
create rule t_no_delete as on delete to t do instead nothing;

-- case: rule dropped
-- a
create table t (id int, name text);
create rule t_no_delete as on delete to t do instead nothing;
-- b
create table t (id int, name text);

-- case: rule action changes
-- a
create table t (id int, name text);
create table t_log (id int, at timestamptz default now());
create rule t_log_insert as on insert to t do also insert into t_log (id) values (new.id);
-- b
create table t (id int, name text);
create table t_log (id int, at timestamptz default now());
create rule t_log_insert as on insert to t where new.id > 0 do also insert into t_log (id) values (new.id);

-- case: rule disabled
-- a
create table t (id int);
create rule t_no_update as on update to t do instead nothing;
-- b
create table t (id int);
create rule t_no_update as on update to t do instead nothing;
alter table t disable rule t_no_update;

-- case: update rule on a view writes through to its table
-- a
create table t (id int primary key, name text);
create view v as select id, name from t;
-- b
create table t (id int primary key, name text);
create view v as select id, name from t;
create rule v_update as on update to v do instead update t set name = new.name where id = old.id;
create rule v_delete as on delete to v do instead delete from t where id = old.id;

-- case: rule over a column whose type changes
-- a
create table t (id int, amount int);
create table t_log (id int, amount int);
create rule t_log_insert as on insert to t do also insert into t_log values (new.id, new.amount);
-- b
create table t (id int, amount bigint);
create table t_log (id int, amount bigint);
create rule t_log_insert as on insert to t do also insert into t_log values (new.id, new.amount);

-- case: view with a rule is replaced when its column type changes
-- a
create table t (id int, name text);
create view v as select id, name from t;
create rule v_insert as on insert to v do instead insert into t values (new.id, new.name);
-- b
create table t (id bigint, name text);
create view v as select id, name from t;
create rule v_insert as on insert to v do instead insert into t values (new.id, new.name);
