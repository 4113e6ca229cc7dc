-- case: create an enum
-- a
-- b
create type mood as enum ('sad', 'ok', 'happy');

-- case: create an enum used by a column
-- a
create table person (id int primary key);
-- b
create type mood as enum ('sad', 'ok', 'happy');
create table person (id int primary key, current_mood mood);

-- case: add a value at the end
-- a
create type mood as enum ('sad', 'ok');
-- b
create type mood as enum ('sad', 'ok', 'happy');

-- case: add a value in the middle
-- a
create type mood as enum ('sad', 'happy');
-- b
create type mood as enum ('sad', 'ok', 'happy');

-- case: add a value at the start
-- a
create type mood as enum ('ok', 'happy');
-- b
create type mood as enum ('sad', 'ok', 'happy');

-- case: add a value while a column uses the type
-- a
create type status as enum ('new', 'done');
create table task (id int primary key, state status not null default 'new');
-- b
create type status as enum ('new', 'active', 'done');
create table task (id int primary key, state status not null default 'new');

-- case: remove a value while a column and a view use the type
-- a
create type status as enum ('new', 'active', 'done');
create table task (id int primary key, state status not null);
create view open_task as select id, state from task where state <> 'done';
-- b
create type status as enum ('new', 'done');
create table task (id int primary key, state status not null);
create view open_task as select id, state from task where state <> 'done';

-- case: reorder values
-- a
create type priority as enum ('low', 'medium', 'high');
-- b
create type priority as enum ('high', 'medium', 'low');

-- case: replace one value with another
-- a
create type color as enum ('red', 'green', 'blue');
-- b
create type color as enum ('red', 'green', 'yellow');

-- case: enum in a non-public schema used by an array column
-- a
create schema app;
create type app.tag as enum ('a', 'b');
create table app.post (id int primary key, tags app.tag[] not null default '{}');
-- b
create schema app;
create type app.tag as enum ('a', 'b', 'c');
create table app.post (id int primary key, tags app.tag[] not null default '{}');

-- case: enum used as a function argument gains a value
-- a
create type level as enum ('debug', 'info');
create function level_rank(l level) returns int language sql immutable as $$ select case l when 'debug' then 0 else 1 end $$;
-- b
create type level as enum ('debug', 'info', 'warn');
create function level_rank(l level) returns int language sql immutable as $$ select case l when 'debug' then 0 else 1 end $$;

-- case: enum type comment and owner
-- a
create type mood as enum ('sad', 'ok');
-- b
create type mood as enum ('sad', 'ok');
comment on type mood is 'how someone feels';
alter type mood owner to app_owner;

-- case: enum with quoted labels
-- a
create type weird as enum ('Has Space', 'it''s');
-- b
create type weird as enum ('Has Space', 'it''s', 'UPPER', '');

-- case: a column moves from one enum to another
-- a
create type status as enum ('new', 'done');
create type widget_status as enum ('new', 'done', 'lost');
create table widgets (id int, status status, history status[]);
-- b
create type status as enum ('new', 'done');
create type widget_status as enum ('new', 'done', 'lost');
create table widgets (id int, status widget_status, history widget_status[]);

-- case: enum that loses a label under a domain and a composite used by a column
-- a
create type weekday as enum ('mon', 'tue', 'sun');
create domain workday as weekday;
create type shift as (day weekday, hours int);
create table roster (id int, s shift, w workday);
-- b
create type weekday as enum ('mon', 'tue');
create domain workday as weekday;
create type shift as (day weekday, hours int);
create table roster (id int, s shift, w workday);

-- case: enum that loses a label under a range type
-- a
create type grade as enum ('low', 'mid', 'high', 'top');
create type grade_span as range (subtype = grade);
-- b
create type grade as enum ('low', 'mid', 'high');
create type grade_span as range (subtype = grade);

-- case: enum loses a label under a generated column that compares it
-- a
create type size as enum ('s', 'l', 'xl');
create table shirt (id int primary key, sz size, big boolean generated always as (sz >= 'l') stored);
-- b
create type size as enum ('s', 'l');
create table shirt (id int primary key, sz size, big boolean generated always as (sz >= 'l') stored);

-- case: enum loses a label under a partition key
-- a
create type region as enum ('eu', 'us', 'apac');
create table sale (id int, region region) partition by list (region);
create table sale_eu partition of sale for values in ('eu');
create table sale_us partition of sale for values in ('us');
create view sale_ids as select id from sale;
-- b
create type region as enum ('eu', 'us');
create table sale (id int, region region) partition by list (region);
create table sale_eu partition of sale for values in ('eu');
create table sale_us partition of sale for values in ('us');
create view sale_ids as select id from sale;
