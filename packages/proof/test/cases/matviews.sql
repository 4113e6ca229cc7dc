-- case: create a materialized view
-- a
create table t (id int, v int);
-- b
create table t (id int, v int);
create materialized view mv as select id, sum(v) as total from t group by id;

-- case: materialized view with no data
-- a
create table t (id int);
-- b
create table t (id int);
create materialized view mv as select id from t with no data;

-- case: materialized view definition changes
-- a
create table t (id int, v int);
create materialized view mv as select id, sum(v) as total from t group by id;
-- b
create table t (id int, v int);
create materialized view mv as select id, sum(v) as total, count(*) as n from t group by id;

-- case: materialized view keeps its index across a definition change
-- a
create table t (id int, v int);
create materialized view mv as select id, sum(v) as total from t group by id;
create unique index mv_id_key on mv (id);
-- b
create table t (id int, v int);
create materialized view mv as select id, max(v) as total from t group by id;
create unique index mv_id_key on mv (id);

-- case: materialized view comment owner and grants
-- a
create table t (id int);
create materialized view mv as select id from t;
-- b
create table t (id int);
create materialized view mv as select id from t;
comment on materialized view mv is 'snapshot of t';
alter materialized view mv owner to app_owner;
grant select on mv to app_reader;

-- case: materialized view over a view
-- a
create table t (id int, amount numeric);
create view v as select id, amount from t where amount > 0;
-- b
create table t (id int, amount numeric);
create view v as select id, amount from t where amount > 0;
create materialized view mv as select count(*) as n, sum(amount) as total from v;

-- case: materialized view storage parameter
-- a
create table t (id int);
create materialized view mv as select id from t;
-- b
create table t (id int);
create materialized view mv with (fillfactor = 60) as select id from t;

-- case: materialized view column comment
-- a
create table t (id int);
create materialized view mv as select id from t;
-- b
create table t (id int);
create materialized view mv as select id from t;
comment on column mv.id is 'identifier';

-- case: view built on a materialized view
-- a
create table t (id int, v int);
create materialized view mv as select id, v from t;
-- b
create table t (id int, v int);
create materialized view mv as select id, v from t;
create view top_v as select id, v from mv where v > 10;

-- case: materialized view column statistics, storage, options and compression
-- a
create materialized view mv as select 1 as id, 'x'::text as code, 'y'::text as note;
alter materialized view mv alter column note set storage main;
-- b
create materialized view mv as select 1 as id, 'x'::text as code, 'y'::text as note;
alter materialized view mv alter column id set statistics 300;
alter materialized view mv alter column id set (n_distinct = 100);
alter materialized view mv alter column code set storage external;
alter materialized view mv alter column code set compression pglz;

-- case: materialized view created with column settings
-- a
create table t (id int);
-- b
create table t (id int);
create materialized view mv as select id, id::text as code from t;
alter materialized view mv alter column id set statistics 50;
alter materialized view mv alter column code set storage external;
alter materialized view mv alter column code set compression pglz;

-- case: materialized view storage options and TOAST options change in place
-- a
create materialized view mv with (fillfactor = 70) as select 'x'::text as code;
create index mv_code_idx on mv (code);
-- b
create materialized view mv with (toast.autovacuum_enabled = false, autovacuum_enabled = false) as select 'x'::text as code;
create index mv_code_idx on mv (code);
