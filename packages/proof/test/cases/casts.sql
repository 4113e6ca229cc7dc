-- case: cast with a function, as assignment, with a comment
-- a
create type money_amount as (units bigint, currency text);
create function money_to_numeric(m money_amount) returns numeric language sql immutable as $$ select m.units / 100.0 $$;
-- b
create type money_amount as (units bigint, currency text);
create function money_to_numeric(m money_amount) returns numeric language sql immutable as $$ select m.units / 100.0 $$;
create cast (money_amount as numeric) with function money_to_numeric(money_amount) as assignment;
comment on cast (money_amount as numeric) is 'drops the currency';

-- case: casts with inout and implicit
-- a
create type color as enum ('red', 'green');
create domain short_text as text check (length(value) < 10);
-- b
create type color as enum ('red', 'green');
create domain short_text as text check (length(value) < 10);
create cast (color as integer) with inout as implicit;
create type pair as (a int, b int);
create cast (text as pair) with inout;

-- case: cast context changes
-- a
create type pair as (a int, b int);
create cast (pair as text) with inout;
-- b
create type pair as (a int, b int);
create cast (pair as text) with inout as assignment;

-- case: cast function changes signature, and a view uses the cast
-- a
create type pair as (a int, b int);
create function pair_sum(p pair) returns integer language sql immutable as $$ select p.a + p.b $$;
create cast (pair as integer) with function pair_sum(pair);
create table t (p pair);
create view v as select p::integer as total from t;
-- b
create type pair as (a int, b int);
create function pair_sum(p pair) returns bigint language sql immutable as $$ select (p.a + p.b)::bigint $$;
create cast (pair as bigint) with function pair_sum(pair);
create table t (p pair);
create view v as select p::bigint as total from t;

-- case: a function body change keeps its cast
-- a
create type pair as (a int, b int);
create function pair_sum(p pair) returns integer language sql immutable as $$ select p.a + p.b $$;
create cast (pair as integer) with function pair_sum(pair);
-- b
create type pair as (a int, b int);
create function pair_sum(p pair) returns integer language sql immutable as $$ select p.a + p.b + 0 $$;
create cast (pair as integer) with function pair_sum(pair);

-- case: a column changes type through a user-defined cast
-- a
create type pair as (a int, b int);
create function pair_sum(p pair) returns integer language sql immutable as $$ select p.a + p.b $$;
create cast (pair as integer) with function pair_sum(pair);
create table t (id int, p pair);
-- b
create type pair as (a int, b int);
create function pair_sum(p pair) returns integer language sql immutable as $$ select p.a + p.b $$;
create cast (pair as integer) with function pair_sum(pair);
create table t (id int, p integer);

-- case: a new view uses a new cast with inout
-- a
create type pair as (a int, b int);
create table t (p pair);
-- b
create type pair as (a int, b int);
create table t (p pair);
create cast (pair as integer[]) with inout;
create view v as select p::integer[] as parts from t;
