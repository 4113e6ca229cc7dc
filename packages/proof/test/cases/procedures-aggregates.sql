-- case: create a procedure
-- a
create table audit (at timestamptz, note text);
-- b
create table audit (at timestamptz, note text);
create procedure log_note(note text) language sql as $$ insert into audit values (now(), note) $$;

-- case: procedure body changes
-- a
create table audit (at timestamptz, note text);
create procedure log_note(note text) language plpgsql as $$ begin insert into audit values (now(), note); end $$;
-- b
create table audit (at timestamptz, note text);
create procedure log_note(note text) language plpgsql as $$ begin insert into audit values (clock_timestamp(), upper(note)); end $$;

-- case: procedure with an inout argument
-- a
-- b
create procedure bump(inout counter int, step int default 1) language plpgsql as $$ begin counter := counter + step; end $$;

-- case: procedure grants and owner
-- a
create procedure noop() language sql as $$ select 1 $$;
-- b
create procedure noop() language sql as $$ select 1 $$;
alter procedure noop() owner to app_owner;
revoke execute on procedure noop() from public;
grant execute on procedure noop() to app_writer;

-- case: procedure security definer and configuration
-- a
create procedure p() language sql as $$ select 1 $$;
-- b
create procedure p() language sql security definer set search_path = pg_catalog as $$ select 1 $$;

-- case: create an aggregate
-- a
-- b
create function int_product(state bigint, v int) returns bigint language sql immutable strict as $$ select state * v $$;
create aggregate product(int) (sfunc = int_product, stype = bigint, initcond = '1');

-- case: aggregate with a final function
-- a
create function avg_step(state numeric[], v numeric) returns numeric[] language sql immutable as $$ select array[state[1] + v, state[2] + 1] $$;
create function avg_final(state numeric[]) returns numeric language sql immutable as $$ select case when state[2] = 0 then null else state[1] / state[2] end $$;
-- b
create function avg_step(state numeric[], v numeric) returns numeric[] language sql immutable as $$ select array[state[1] + v, state[2] + 1] $$;
create function avg_final(state numeric[]) returns numeric language sql immutable as $$ select case when state[2] = 0 then null else state[1] / state[2] end $$;
create aggregate my_avg(numeric) (sfunc = avg_step, stype = numeric[], finalfunc = avg_final, initcond = '{0,0}');

-- case: aggregate initial condition changes
-- a
create function int_sum(state bigint, v int) returns bigint language sql immutable strict as $$ select state + v $$;
create aggregate total(int) (sfunc = int_sum, stype = bigint, initcond = '0');
-- b
create function int_sum(state bigint, v int) returns bigint language sql immutable strict as $$ select state + v $$;
create aggregate total(int) (sfunc = int_sum, stype = bigint, initcond = '100');

-- case: aggregate transition function body changes
-- a
create function concat_step(state text, v text) returns text language sql immutable as $$ select state || v $$;
create aggregate glue(text) (sfunc = concat_step, stype = text, initcond = '');
-- b
create function concat_step(state text, v text) returns text language sql immutable as $$ select state || ',' || v $$;
create aggregate glue(text) (sfunc = concat_step, stype = text, initcond = '');

-- case: aggregate owner and comment
-- a
create function int_sum(state bigint, v int) returns bigint language sql immutable strict as $$ select state + v $$;
create aggregate total(int) (sfunc = int_sum, stype = bigint, initcond = '0');
-- b
create function int_sum(state bigint, v int) returns bigint language sql immutable strict as $$ select state + v $$;
create aggregate total(int) (sfunc = int_sum, stype = bigint, initcond = '0');
alter aggregate total(int) owner to app_owner;
comment on aggregate total(int) is 'sum as bigint';

-- case: aggregate used by a view
-- a
create function int_sum(state bigint, v int) returns bigint language sql immutable strict as $$ select state + v $$;
create aggregate total(int) (sfunc = int_sum, stype = bigint, initcond = '0');
create table t (v int);
-- b
create function int_sum(state bigint, v int) returns bigint language sql immutable strict as $$ select state + v $$;
create aggregate total(int) (sfunc = int_sum, stype = bigint, initcond = '0');
create table t (v int);
create view t_total as select total(v) as total from t;

-- case: privileges on ordered-set and hypothetical-set aggregates
-- a
create aggregate public.joined(order by text) (sfunc = array_append, stype = text[]);
create aggregate public.rank_of(integer order by integer) (sfunc = array_append, stype = integer[]);
-- b
create aggregate public.joined(order by text) (sfunc = array_append, stype = text[]);
create aggregate public.rank_of(integer order by integer) (sfunc = array_append, stype = integer[]);
revoke execute on function public.joined(text) from public;
grant execute on function public.joined(text) to app_reader;
revoke execute on function public.rank_of(integer, integer) from public;
