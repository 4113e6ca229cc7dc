-- case: create a domain
-- a
-- b
create domain positive_int as int check (value > 0);

-- case: domain default added
-- a
create domain code as text;
-- b
create domain code as text default 'none';

-- case: domain default changed
-- a
create domain code as text default 'none';
-- b
create domain code as text default 'unknown';

-- case: domain not null added
-- a
create domain code as text;
-- b
create domain code as text not null;

-- case: domain check added
-- a
create domain email as text;
-- b
create domain email as text constraint email_has_at check (value like '%@%');

-- case: domain check dropped while a column uses it
-- a
create domain email as text constraint email_has_at check (value like '%@%');
create table member (id int primary key, email email);
-- b
create domain email as text;
create table member (id int primary key, email email);

-- case: domain check changed
-- a
create domain percent as numeric constraint percent_range check (value between 0 and 100);
-- b
create domain percent as numeric constraint percent_range check (value >= 0 and value <= 1);

-- case: domain gains a second check
-- a
create domain percent as numeric constraint percent_min check (value >= 0);
-- b
create domain percent as numeric constraint percent_min check (value >= 0) constraint percent_max check (value <= 100);

-- case: domain check not valid
-- a
create domain small as int;
-- b
create domain small as int;
alter domain small add constraint small_range check (value < 1000) not valid;

-- case: domain base type change used by a column
-- a
create domain quantity as int check (value >= 0);
create table stock (sku text primary key, qty quantity not null);
-- b
create domain quantity as bigint check (value >= 0);
create table stock (sku text primary key, qty quantity not null);

-- case: domain over a domain
-- a
create domain amount as numeric(12, 2);
-- b
create domain amount as numeric(12, 2);
create domain positive_amount as amount check (value > 0);
create table payment (id int primary key, total positive_amount not null);

-- case: domain collation
-- a
create domain label as text;
-- b
create domain label as text collate "C";

-- case: domain used by a function argument and result
-- a
create domain slug as text check (value ~ '^[a-z0-9-]+$');
-- b
create domain slug as text check (value ~ '^[a-z0-9-]+$');
create function to_slug(t text) returns slug language sql immutable as $$ select lower(regexp_replace(t, '[^a-zA-Z0-9]+', '-', 'g'))::slug $$;

-- case: domain constraint comment and domain owner
-- a
create domain email as text constraint email_has_at check (value like '%@%');
-- b
create domain email as text constraint email_has_at check (value like '%@%');
comment on constraint email_has_at on domain email is 'must contain an at sign';
alter domain email owner to app_owner;

-- case: domain over a domain whose base type changes
-- a
create domain ident as int;
create domain positive_ident as ident check (value > 0);
create table lot (id positive_ident);
-- b
create domain ident as bigint;
create domain positive_ident as ident check (value > 0);
create table lot (id positive_ident);

-- case: domain gains a check while an array column stores it
-- a
create domain pct as numeric;
create table reading (id int primary key, ps pct[]);
-- b
create domain pct as numeric check (value >= 0);
create table reading (id int primary key, ps pct[]);

-- case: domain gains NOT NULL and a check while a composite column stores it
-- a
create domain code as text;
create type tagged as (code code, weight int);
create table item (id int primary key, tag tagged);
-- b
create domain code as text not null constraint code_short check (length(value) < 10);
create type tagged as (code code, weight int);
create table item (id int primary key, tag tagged);
