-- case: create a view
-- a
create table t (id int, name text);
-- b
create table t (id int, name text);
create view v as select id, name from t;

-- case: view definition changes keeping its columns
-- a
create table t (id int, name text, active boolean);
create view v as select id, name from t;
-- b
create table t (id int, name text, active boolean);
create view v as select id, name from t where active;

-- case: column added at the end of a view
-- a
create table t (id int, name text, email text);
create view v as select id, name from t;
-- b
create table t (id int, name text, email text);
create view v as select id, name, email from t;

-- case: column removed from a view
-- a
create table t (id int, name text, email text);
create view v as select id, name, email from t;
-- b
create table t (id int, name text, email text);
create view v as select id, email from t;

-- case: view column renamed
-- a
create table t (id int, name text);
create view v as select id, name from t;
-- b
create table t (id int, name text);
create view v as select id, name as label from t;

-- case: view column type changes
-- a
create table t (id int, amount numeric);
create view v as select id, amount from t;
-- b
create table t (id int, amount numeric);
create view v as select id, amount::text as amount from t;

-- case: security barrier view
-- a
create table t (id int, secret text);
create view v as select id from t;
-- b
create table t (id int, secret text);
create view v with (security_barrier = true) as select id from t;

-- case: security invoker view
-- a
create table t (id int);
create view v as select id from t;
-- b
create table t (id int);
create view v with (security_invoker = true) as select id from t;

-- case: local check option
-- a
create table t (id int, active boolean);
create view v as select id, active from t where active;
-- b
create table t (id int, active boolean);
create view v as select id, active from t where active with local check option;

-- case: check option changes from local to cascaded
-- a
create table t (id int, active boolean);
create view v as select id, active from t where active with local check option;
-- b
create table t (id int, active boolean);
create view v as select id, active from t where active with cascaded check option;

-- case: view on view on view
-- a
create table t (id int, amount numeric, region text);
-- b
create table t (id int, amount numeric, region text);
create view v1 as select id, amount, region from t where amount > 0;
create view v2 as select region, sum(amount) as total from v1 group by region;
create view v3 as select region, total from v2 where total > 100;

-- case: middle view of a chain changes its columns
-- a
create table t (id int, amount numeric, region text);
create view v1 as select id, amount, region from t;
create view v2 as select region, sum(amount) as total from v1 group by region;
create view v3 as select region, total from v2;
-- b
create table t (id int, amount numeric, region text);
create view v1 as select id, amount, region from t;
create view v2 as select region, sum(amount) as total, count(*) as n from v1 group by region;
create view v3 as select region, total from v2;

-- case: view grants and owner survive a column removal
-- a
create table t (id int, a text, b text);
create view v as select id, a, b from t;
alter view v owner to app_owner;
grant select on v to app_reader;
-- b
create table t (id int, a text, b text);
create view v as select id, a from t;
alter view v owner to app_owner;
grant select on v to app_reader;

-- case: view comment and view column comment
-- a
create table t (id int, name text);
create view v as select id, name from t;
-- b
create table t (id int, name text);
create view v as select id, name from t;
comment on view v is 'visible rows';
comment on column v.name is 'display name';

-- case: view column comment survives a definition change
-- a
create table t (id int, name text, active boolean);
create view v as select id, name from t;
comment on column v.name is 'display name';
-- b
create table t (id int, name text, active boolean);
create view v as select id, name from t where active;
comment on column v.name is 'display name';

-- case: view column default
-- a
create table t (id int, status text);
create view v as select id, status from t;
-- b
create table t (id int, status text);
create view v as select id, status from t;
alter view v alter column status set default 'new';

-- case: recursive view
-- a
create table node (id int primary key, parent_id int);
-- b
create table node (id int primary key, parent_id int);
create recursive view node_path (id, depth) as
  select id, 0 from node where parent_id is null
  union all
  select n.id, p.depth + 1 from node n join node_path p on n.parent_id = p.id;

-- case: view using a join and a function
-- a
create table a_tab (id int, name text);
create table b_tab (a_id int, score int);
-- b
create table a_tab (id int, name text);
create table b_tab (a_id int, score int);
create function bonus(s int) returns int language sql immutable as $$ select s * 2 $$;
create view scored as select a.id, upper(a.name) as name, bonus(b.score) as score from a_tab a join b_tab b on b.a_id = a.id;

-- case: view in another schema
-- a
create schema reporting;
create table t (id int);
-- b
create schema reporting;
create table t (id int);
create view reporting.v as select id from public.t;

-- case: rule on a view
-- a
create table t (id int, name text);
create view v as select id, name from t;
-- b
create table t (id int, name text);
create view v as select id, name from t;
create rule v_insert as on insert to v do instead insert into t values (new.id, new.name);

-- case: view and rule conditions with nested AND and OR written in parentheses
-- a
create table reading (id int primary key, level int, taken date);
create table reading_archive (id int, level int, taken date);
-- b
create table reading (id int primary key, level int, taken date);
create table reading_archive (id int, level int, taken date);
create view mid_reading as select id from reading where (level > 1) and ((level < 5) and (level <> 3)) or (taken is null or (level is null or id < 0));
create rule archive_old as on insert to reading where (new.taken < '2020-01-01') and ((new.level > 0) and (new.level < 10)) do also insert into reading_archive values (new.id, new.level, new.taken);

-- case: view with literal-only select items in a sublink and in later arms of a union
-- a
create table t (id int primary key, n numeric, kind varchar(10));
create table u (id int, t_id int);
-- b
create table t (id int primary key, n numeric, kind varchar(10));
create table u (id int, t_id int);
create view flagged as
  select t.id, exists (select 'x' from u where u.t_id = t.id) as used, q.label
    from t cross join lateral (select 'first' as label union all select 'second' union all select null) q
   where t.n = any (array[1, 2.5]) and t.kind in ('a', 'b', null) and exists (select null from u);

-- case: check, index and policy over numeric arrays and sublinks
-- a
create table t (id int primary key, n numeric, f float8);
-- b
create table t (id int primary key, n numeric, f float8 check (f = any (array[1, 2])), check (n = any (array[1, 2])));
create index t_n_idx on t (id) where n = any (array[3, 4]);
alter table t enable row level security;
create policy t_p on t using (exists (select 'x' from t t2 where t2.id = t.id) and n = any (array[5.5, 6]));

-- case: views that are a bare VALUES list
-- a
create table t (id int);
-- b
create table t (id int);
create view labels (k, label) as values (1, 'one'), (2, 'two');
create view pairs as values (1, 'a''b'), (2, null);
create materialized view codes (code) as values ('x'), ('y');
create view first_labels as select l.k from labels l where l.k < 2;

-- case: an IN list, a row comparison or a BETWEEN as the first operand of OR or AND
-- a
create table t (a text, b text, c bool, n int);
-- b
create table t (a text, b text, c bool, n int);
create view v as select * from t where a in (b, 'x') or c;
create view v2 as select * from t where n between 1 and 2 and c or (a, b) = ('p', 'q') and c or (a, b) <> ('r', 's') or c;
create table t2 (a text, b text, c bool, check (a in (b, 'x') or c));
create index t_i on t (a) where a not in (b, 'y') and c;
create policy p on t using (a in (b, 'x') or c);

-- case: recursive views with a CYCLE clause and its mark values
-- a
create table node (id int, parent int);
-- b
create table node (id int, parent int);
create view tree as with recursive t(id, parent) as (select id, parent from node union all select node.id, node.parent from node join t on node.parent = t.id) cycle id set is_cycle to 'Y' default 'N' using path select id, parent, is_cycle from t;
create view tree2 as with recursive t(id, parent) as (select id, parent from node union all select node.id, node.parent from node join t on node.parent = t.id) cycle id set is_cycle to 1 default 0 using path select id, is_cycle from t;
create view tree3 as with recursive t(id, parent) as (select id, parent from node union all select node.id, node.parent from node join t on node.parent = t.id) cycle id, parent set "Is Cycle" using path select id, "Is Cycle" from t;
