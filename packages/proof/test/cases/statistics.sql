-- case: extended statistics created, with an owner and a comment
-- a
create table t (city text, zip text, country text);
-- b
create table t (city text, zip text, country text);
create statistics t_city_zip (ndistinct, dependencies) on city, zip from t;
alter statistics t_city_zip owner to app_owner;
comment on statistics t_city_zip is 'zip follows city';
create statistics t_all on city, country from t;

-- case: extended statistics kinds and columns change
-- a
create table t (a int, b int, c int);
create statistics t_ab (ndistinct) on a, b from t;
-- b
create table t (a int, b int, c int);
create statistics t_ab (mcv, dependencies) on a, c from t;

-- case: expression statistics
-- a
create table t (created_at timestamptz, kind text);
-- b
create table t (created_at timestamptz, kind text);
create statistics t_day_kind on (date_trunc('day', created_at at time zone 'UTC')), kind from t;
create statistics t_lower on (lower(kind)) from t;

-- case: statistics target set and reset
-- a
create table t (a int, b int);
create statistics t_ab on a, b from t;
create table u (a int, b int);
create statistics u_ab on a, b from u;
alter statistics u_ab set statistics 500;
-- b
create table t (a int, b int);
create statistics t_ab on a, b from t;
alter statistics t_ab set statistics 1000;
create table u (a int, b int);
create statistics u_ab on a, b from u;

-- case: statistics survive a column type change
-- a
create table t (a smallint, b int);
create statistics t_ab (dependencies) on a, b from t;
create statistics t_expr on (a + b) from t;
-- b
create table t (a bigint, b int);
create statistics t_ab (dependencies) on a, b from t;
create statistics t_expr on (a + b) from t;

-- case: statistics go with a dropped column and a dropped table
-- a
create table t (a int, b int, c int);
create statistics t_bc on b, c from t;
create table gone (x int, y int);
create statistics gone_xy on x, y from gone;
-- b
create table t (a int, c int);

-- case: statistics in another schema, on a materialized view and a partitioned table
-- a
create schema stats;
create table events (id int, kind text, at date) partition by range (at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create materialized view kinds as select kind, count(*) as n from events group by kind;
-- b
create schema stats;
create table events (id int, kind text, at date) partition by range (at);
create table events_2024 partition of events for values from ('2024-01-01') to ('2025-01-01');
create materialized view kinds as select kind, count(*) as n from events group by kind;
create statistics stats.events_kind_at on kind, at from events;
create statistics stats.kinds_n on kind, n from kinds;

-- case: a table created anew takes its statistics along
-- a
create table t (id int, a int, b int);
create statistics t_ab on a, b from t;
-- b
create table t (id int, a int, b int) partition by range (id);
create statistics t_ab on a, b from t;

-- case: statistics over an expression with an IN list as the first operand of OR
-- a
create table pick (a text, b text, c bool);
-- b
create table pick (a text, b text, c bool);
create statistics pick_s on (a in (b, 'x') or c), a from pick;
