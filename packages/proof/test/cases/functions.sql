-- case: create an sql function
-- a
-- b
create function add_one(x int) returns int language sql immutable as $$ select x + 1 $$;

-- case: create a plpgsql function
-- a
-- b
create function greet(who text) returns text language plpgsql as $$
begin
  return 'hello, ' || who;
end
$$;

-- case: function body changes
-- a
create function add_one(x int) returns int language sql as $$ select x + 1 $$;
-- b
create function add_one(x int) returns int language sql as $$ select x + 2 $$;

-- case: volatility changes
-- a
create function f(x int) returns int language sql volatile as $$ select x $$;
-- b
create function f(x int) returns int language sql stable as $$ select x $$;

-- case: strict added
-- a
create function f(x int) returns int language sql as $$ select x $$;
-- b
create function f(x int) returns int language sql strict as $$ select x $$;

-- case: security definer with a search path
-- a
create function f() returns int language sql as $$ select 1 $$;
-- b
create function f() returns int language sql security definer set search_path = pg_catalog, pg_temp as $$ select 1 $$;

-- case: function configuration parameter changes
-- a
create function f() returns int language sql set work_mem = '64MB' as $$ select 1 $$;
-- b
create function f() returns int language sql set work_mem = '128MB' set statement_timeout = '5s' as $$ select 1 $$;

-- case: cost and rows change
-- a
create function many() returns setof int language sql as $$ select generate_series(1, 10) $$;
-- b
create function many() returns setof int language sql cost 500 rows 10 as $$ select generate_series(1, 10) $$;

-- case: parallel safety and leakproof
-- a
create function f(x int) returns int language sql immutable as $$ select x * 2 $$;
-- b
create function f(x int) returns int language sql immutable parallel safe leakproof as $$ select x * 2 $$;

-- case: overload added
-- a
create function area(r float8) returns float8 language sql as $$ select pi() * r * r $$;
-- b
create function area(r float8) returns float8 language sql as $$ select pi() * r * r $$;
create function area(w float8, h float8) returns float8 language sql as $$ select w * h $$;

-- case: one overload changes body while the other stays
-- a
create function fmt(x int) returns text language sql as $$ select x::text $$;
create function fmt(x numeric) returns text language sql as $$ select x::text $$;
-- b
create function fmt(x int) returns text language sql as $$ select x::text $$;
create function fmt(x numeric) returns text language sql as $$ select to_char(x, 'FM999990.00') $$;

-- case: default argument added
-- a
create function page(n int, size int) returns int language sql as $$ select n * size $$;
-- b
create function page(n int, size int default 20) returns int language sql as $$ select n * size $$;

-- case: default argument value changes
-- a
create function page(n int, size int default 20) returns int language sql as $$ select n * size $$;
-- b
create function page(n int, size int default 50) returns int language sql as $$ select n * size $$;

-- case: out parameters
-- a
-- b
create function split_name(full_name text, out first text, out last text) language sql as $$
  select split_part(full_name, ' ', 1), split_part(full_name, ' ', 2)
$$;

-- case: out parameter added changes the result type
-- a
create function stats(out n int, out total numeric) language sql as $$ select 1, 2.0 $$;
-- b
create function stats(out n int, out total numeric, out mean numeric) language sql as $$ select 1, 2.0, 2.0 $$;

-- case: returns table
-- a
create table t (id int, name text);
-- b
create table t (id int, name text);
create function find(prefix text) returns table (id int, name text) language sql stable as $$
  select t.id, t.name from t where t.name like prefix || '%'
$$;

-- case: return type changes
-- a
create function f() returns int language sql as $$ select 1 $$;
-- b
create function f() returns bigint language sql as $$ select 1::bigint $$;

-- case: argument renamed
-- a
create function f(x int) returns int language sql as $$ select $1 $$;
-- b
create function f(amount int) returns int language sql as $$ select $1 $$;

-- case: argument type changes
-- a
create function f(x int) returns text language sql as $$ select x::text $$;
-- b
create function f(x bigint) returns text language sql as $$ select x::text $$;

-- case: begin atomic body
-- a
create table t (id int, price numeric);
-- b
create table t (id int, price numeric);
create function total_price() returns numeric language sql stable
begin atomic
  select sum(price) from t;
end;

-- case: begin atomic body changes
-- a
create table t (id int, price numeric, qty int);
create function total_price() returns numeric language sql stable
begin atomic
  select sum(price) from t;
end;
-- b
create table t (id int, price numeric, qty int);
create function total_price() returns numeric language sql stable
begin atomic
  select sum(price * qty) from t;
end;

-- case: execute revoked from public
-- a
create function f() returns int language sql as $$ select 1 $$;
-- b
create function f() returns int language sql as $$ select 1 $$;
revoke execute on function f() from public;

-- case: execute granted to roles
-- a
create function f() returns int language sql as $$ select 1 $$;
revoke execute on function f() from public;
-- b
create function f() returns int language sql as $$ select 1 $$;
revoke execute on function f() from public;
grant execute on function f() to app_reader;
grant execute on function f() to app_writer with grant option;

-- case: variadic function
-- a
-- b
create function join_all(sep text, variadic parts text[]) returns text language sql immutable as $$ select array_to_string(parts, sep) $$;

-- case: function in a schema with owner and comment
-- a
create schema util;
-- b
create schema util;
create function util.clamp(x int, lo int, hi int) returns int language sql immutable as $$ select greatest(lo, least(hi, x)) $$;
alter function util.clamp(int, int, int) owner to app_owner;
comment on function util.clamp(int, int, int) is 'x limited to [lo, hi]';

-- case: set-returning plpgsql function with a polymorphic argument
-- a
-- b
create function repeat_it(v anyelement, n int) returns setof anyelement language plpgsql as $$
begin
  for i in 1..n loop
    return next v;
  end loop;
end
$$;

-- case: functions calling each other
-- a
create function inner_f(x int) returns int language sql as $$ select x + 1 $$;
-- b
create function inner_f(x int) returns int language sql as $$ select x + 1 $$;
create function outer_f(x int) returns int language plpgsql as $$ begin return inner_f(x) * 2; end $$;

-- case: argument defaults with a negated cast constant and a varchar IN list
-- a
create table counter (id int primary key);
-- b
create table counter (id int primary key);
create function bump(step integer default -1::integer, label varchar default 'x') returns boolean language sql as $$ select label in ('x', 'y') and step < 0 $$;
create function bump_atomic(step integer default -1::integer, label varchar default 'x') returns boolean language sql begin atomic select label in ('x', 'y') and step < 0; end;

-- case: SQL-standard bodies that refer to named parameters by number
-- a
-- b
create function add_one(x int) returns int language sql begin atomic select $1 + 1; end;
create function pair(x int, "Y" int default 2) returns table(a int, b int) language sql begin atomic select $1, $2; end;
create function pick(double precision, inout n int) language sql begin atomic select n; end;
