-- case: view with check option, local and cascaded
-- a
create table t (id int, active boolean);
-- b
create table t (id int, active boolean);
create view active_t as select id, active from t where active with local check option;
create view active_ids as select id, active from active_t where id > 0 with cascaded check option;

-- case: view check option changes
-- a
create table t (id int, active boolean);
create view active_t as select id, active from t where active with local check option;
-- b
create table t (id int, active boolean);
create view active_t as select id, active from t where active with cascaded check option;

-- case: window function view and a unique index with nulls not distinct
-- a
create table t (id int, grp int, email text);
-- b
create table t (id int, grp int, email text);
create view ranked as select id, grp, rank() over (partition by grp order by id) as r, sum(id) over w as s from t window w as (partition by grp order by id rows between unbounded preceding and current row);
create unique index t_email_uniq on t (email) nulls not distinct;

-- case: composite type gains and loses attributes
-- a
create type address as (street text, city text);
-- b
create type address as (street text, city text, zip text);

-- case: table constraint nulls not distinct
-- a
create table t (a int, b int);
-- b
create table t (a int, b int, constraint t_ab_key unique nulls not distinct (a, b));

-- case: statistics, text search objects and casts with hostile names
-- a
create schema "Odd ""Schema""";
create table "Odd ""Schema"""."t t" ("A b" int, "c'd" int);
create type "Odd ""Schema"""."pair.x" as (a int, b int);
-- b
create schema "Odd ""Schema""";
create table "Odd ""Schema"""."t t" ("A b" int, "c'd" int);
create type "Odd ""Schema"""."pair.x" as (a int, b int);
create statistics "Odd ""Schema"""."st 'x'" on "A b", "c'd" from "Odd ""Schema"""."t t";
create text search dictionary "Odd ""Schema"""."dict ""1""" (template = simple, stopwords = english);
create text search configuration "Odd ""Schema"""."cfg.'x'" (parser = default);
alter text search configuration "Odd ""Schema"""."cfg.'x'" add mapping for asciiword with "Odd ""Schema"""."dict ""1""";
comment on text search configuration "Odd ""Schema"""."cfg.'x'" is 'it''s odd';
create cast ("Odd ""Schema"""."pair.x" as text[]) with inout;
comment on cast ("Odd ""Schema"""."pair.x" as text[]) is 'odd cast';

-- case: view and table options kept in the order they are written
-- a
create table slot (id int);
-- b
create table slot (id int) with (fillfactor = 70, autovacuum_enabled = false);
create view slot_v with (security_invoker = true, security_barrier = true) as select id from slot;

-- case: table options change where setting a key moves it last
-- a
create table slot (id int) with (fillfactor = 70, autovacuum_enabled = false, parallel_workers = 2);
create view slot_v with (security_barrier = true) as select id from slot;
-- b
create table slot (id int) with (fillfactor = 80, autovacuum_enabled = false, parallel_workers = 2);
create view slot_v with (security_invoker = true, security_barrier = true) as select id from slot;

-- case: IN lists over varchar columns in every kind of expression
-- a
create table plain (id int primary key);
-- b
create table plain (id int primary key);
create domain switch as varchar(10) check (value in ('on', 'off'));
create table ticket (
  id int primary key,
  status varchar(20) default 'open' check (status in ('open', 'closed', 'it''s done')),
  kind varchar(5),
  setting switch,
  urgent boolean generated always as (kind in ('p1', 'p2')) stored
);
create index ticket_open on ticket (id) where status in ('open');
create view open_ticket as select id, status from ticket where status in ('open', 'closed');
create materialized view urgent_ticket as select id from ticket where kind in ('p1', 'p2');
alter table ticket enable row level security;
create policy ticket_kind on ticket using (kind in ('p1', 'p2', 'p3')) with check (status in ('open'));
create function ticket_touch() returns trigger language plpgsql as $$ begin return new; end $$;
create trigger ticket_touch before update on ticket for each row when (new.kind in ('p1')) execute function ticket_touch();
create function is_open(s varchar) returns boolean language sql return s in ('open', 'reopened');
create function is_closed(s varchar) returns boolean language sql begin atomic select s in ('closed'); end;

-- case: varchar column under an IN-list check and view changes type
-- a
create table job (id int primary key, state text default 'new' check (state in ('new', 'done')));
create view job_open as select id from job where state in ('new');
-- b
create table job (id int primary key, state varchar(200) default 'new' check (state in ('new', 'done')));
create view job_open as select id from job where state in ('new');
