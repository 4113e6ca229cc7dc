-- case: create a table
-- a
-- b
create table account (id int primary key, name text not null, created_at timestamptz not null default now());

-- case: drop one of two tables
-- a
create table keep_me (id int);
create table drop_me (id int primary key, payload jsonb);
-- b
create table keep_me (id int);

-- case: unlogged table
-- a
-- b
create unlogged table cache_entry (key text primary key, value bytea);

-- case: table becomes unlogged
-- a
create table cache_entry (key text primary key, value bytea);
-- b
create unlogged table cache_entry (key text primary key, value bytea);

-- case: fillfactor reloption
-- a
create table hot (id int primary key, counter int);
-- b
create table hot (id int primary key, counter int) with (fillfactor = 70);

-- case: autovacuum reloptions change
-- a
create table log (id bigint, line text) with (autovacuum_enabled = false, fillfactor = 90);
-- b
create table log (id bigint, line text) with (autovacuum_vacuum_scale_factor = 0.01, fillfactor = 90);

-- case: toast reloption
-- a
create table doc (id int, body text);
-- b
create table doc (id int, body text) with (toast.autovacuum_enabled = false);

-- case: row level security enabled
-- a
create table secret (id int primary key, owner_name text);
-- b
create table secret (id int primary key, owner_name text);
alter table secret enable row level security;

-- case: row level security forced
-- a
create table secret (id int primary key);
alter table secret enable row level security;
-- b
create table secret (id int primary key);
alter table secret enable row level security;
alter table secret force row level security;

-- case: replica identity full
-- a
create table event (id int primary key, body text);
-- b
create table event (id int primary key, body text);
alter table event replica identity full;

-- case: replica identity using an index
-- a
create table event (id int not null, body text);
create unique index event_id_key on event (id);
-- b
create table event (id int not null, body text);
create unique index event_id_key on event (id);
alter table event replica identity using index event_id_key;

-- case: replica identity nothing
-- a
create table event (id int primary key);
-- b
create table event (id int primary key);
alter table event replica identity nothing;

-- case: table comment
-- a
create table account (id int);
-- b
create table account (id int);
comment on table account is 'customer accounts';

-- case: table owner
-- a
create table account (id int);
-- b
create table account (id int);
alter table account owner to app_owner;

-- case: table with quoted identifiers
-- a
-- b
create table "Order Line" ("Line No" int, "select" text, "weird""quote" int, primary key ("Line No"));

-- case: table without columns
-- a
-- b
create table marker ();

-- case: table in a schema with everything at once
-- a
create schema app;
-- b
create schema app;
create table app.thing (id int primary key, label text) with (fillfactor = 80);
alter table app.thing enable row level security;
alter table app.thing owner to app_owner;
comment on table app.thing is 'things';

-- case: tables joined by foreign keys switch to unlogged and back together
-- a
create table z (a integer primary key);
create table m (a integer primary key, z integer references z);
create table r (x integer references m, y integer references z);
-- b
create unlogged table z (a integer primary key);
create unlogged table m (a integer primary key, z integer references z);
create unlogged table r (x integer references m, y integer references z);

-- case: a sequence owned by a column stays logged while its table turns unlogged
-- a
create table t (id int);
create sequence s owned by t.id;
create sequence s2 owned by t.id;
-- b
create unlogged table t (id int);
create sequence s owned by t.id;
create unlogged sequence s2 owned by t.id;
