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
