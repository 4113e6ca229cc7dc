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
