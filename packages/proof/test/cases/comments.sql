-- case: table comment added
-- a
create table t (id int);
-- b
create table t (id int);
comment on table t is 'a table';

-- case: table comment removed
-- a
create table t (id int);
comment on table t is 'a table';
-- b
create table t (id int);

-- case: comment with quotes and newlines
-- a
create table t (id int);
comment on table t is 'first';
-- b
create table t (id int);
comment on table t is 'it''s got "quotes"
and a second line';

-- case: column comment
-- a
create table t (id int, note text);
-- b
create table t (id int, note text);
comment on column t.note is 'free text';

-- case: view and view column comments
-- a
create table t (id int);
create view v as select id from t;
-- b
create table t (id int);
create view v as select id from t;
comment on view v is 'a view';
comment on column v.id is 'the id';

-- case: materialized view comment
-- a
create table t (id int);
create materialized view mv as select id from t;
-- b
create table t (id int);
create materialized view mv as select id from t;
comment on materialized view mv is 'cached';

-- case: function comment
-- a
create function f(x int) returns int language sql as $$ select x $$;
-- b
create function f(x int) returns int language sql as $$ select x $$;
comment on function f(int) is 'identity';

-- case: procedure comment
-- a
create procedure p() language sql as $$ select 1 $$;
-- b
create procedure p() language sql as $$ select 1 $$;
comment on procedure p() is 'does nothing';

-- case: type comment
-- a
create type pair as (k text, v int);
-- b
create type pair as (k text, v int);
comment on type pair is 'key and value';

-- case: domain comment
-- a
create domain code as text;
-- b
create domain code as text;
comment on domain code is 'short code';

-- case: domain constraint comment
-- a
create domain code as text constraint code_len check (length(value) <= 8);
-- b
create domain code as text constraint code_len check (length(value) <= 8);
comment on constraint code_len on domain code is 'eight characters at most';

-- case: table constraint comment
-- a
create table t (id int constraint t_pkey primary key);
-- b
create table t (id int constraint t_pkey primary key);
comment on constraint t_pkey on t is 'the key';

-- case: index comment
-- a
create table t (a int);
create index t_a_idx on t (a);
-- b
create table t (a int);
create index t_a_idx on t (a);
comment on index t_a_idx is 'by a';

-- case: trigger comment
-- a
create table t (id int);
create function noop() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger t_noop after insert on t for each row execute function noop();
-- b
create table t (id int);
create function noop() returns trigger language plpgsql as $$ begin return null; end $$;
create trigger t_noop after insert on t for each row execute function noop();
comment on trigger t_noop on t is 'hook';

-- case: policy comment
-- a
create table t (id int);
create policy t_all on t using (true);
-- b
create table t (id int);
create policy t_all on t using (true);
comment on policy t_all on t is 'open';

-- case: sequence comment
-- a
create sequence s;
-- b
create sequence s;
comment on sequence s is 'counter';

-- case: schema comment
-- a
create schema app;
-- b
create schema app;
comment on schema app is 'app';

-- case: extension comment changes
-- a
create extension citext;
-- b
create extension citext;
comment on extension citext is 'case-insensitive text';

-- case: collation comment
-- a
create collation c1 (locale = 'C');
-- b
create collation c1 (locale = 'C');
comment on collation c1 is 'byte order';

-- case: aggregate comment
-- a
create function int_sum(state bigint, v int) returns bigint language sql immutable strict as $$ select state + v $$;
create aggregate total(int) (sfunc = int_sum, stype = bigint, initcond = '0');
-- b
create function int_sum(state bigint, v int) returns bigint language sql immutable strict as $$ select state + v $$;
create aggregate total(int) (sfunc = int_sum, stype = bigint, initcond = '0');
comment on aggregate total(int) is 'bigint sum';

-- case: composite type column comment
-- a
create type pair as (k text, v int);
-- b
create type pair as (k text, v int);
comment on column pair.k is 'the key';

-- case: rule comment
-- a
create table t (id int);
create view v as select id from t;
create rule v_ins as on insert to v do instead insert into t values (new.id);
-- b
create table t (id int);
create view v as select id from t;
create rule v_ins as on insert to v do instead insert into t values (new.id);
comment on rule v_ins on v is 'writes through';

-- case: comments on many kinds removed at once
-- a
create schema app;
create table app.t (id int primary key, note text);
create view app.v as select id from app.t;
create sequence app.s;
comment on schema app is 's';
comment on table app.t is 't';
comment on column app.t.note is 'n';
comment on view app.v is 'v';
comment on sequence app.s is 'q';
comment on index app.t_pkey is 'i';
-- b
create schema app;
create table app.t (id int primary key, note text);
create view app.v as select id from app.t;
create sequence app.s;
