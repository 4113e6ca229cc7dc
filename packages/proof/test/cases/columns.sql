-- case: add a column
-- a
create table t (id int);
-- b
create table t (id int, note text);

-- case: add several columns of different types
-- a
create table t (id int);
-- b
create table t (id int, price numeric(10, 2), tags text[], data jsonb, seen_at timestamptz, flag boolean);

-- case: drop a column in the middle
-- a
create table t (id int, obsolete text, keep text);
-- b
create table t (id int, keep text);

-- case: int widens to bigint
-- a
create table t (id int primary key, n int);
-- b
create table t (id bigint primary key, n bigint);

-- case: text becomes int
-- a
create table t (id int, code text);
-- b
create table t (id int, code int);

-- case: int becomes text
-- a
create table t (id int, code int);
-- b
create table t (id int, code text);

-- case: boolean becomes integer
-- a
create table t (id int, active boolean);
-- b
create table t (id int, active int);

-- case: varchar length grows
-- a
create table t (name varchar(10));
-- b
create table t (name varchar(50));

-- case: varchar becomes text
-- a
create table t (name varchar(40));
-- b
create table t (name text);

-- case: numeric precision changes
-- a
create table t (amount numeric(10, 2));
-- b
create table t (amount numeric(12, 4));

-- case: timestamp becomes timestamptz
-- a
create table t (at timestamp);
-- b
create table t (at timestamptz);

-- case: scalar becomes array
-- a
create table t (tag text);
-- b
create table t (tag text[]);

-- case: column collation changes
-- a
create table t (name text);
-- b
create table t (name text collate "C");

-- case: default added
-- a
create table t (id int, status text);
-- b
create table t (id int, status text default 'new');

-- case: default changed
-- a
create table t (id int, created_at timestamptz default now());
-- b
create table t (id int, created_at timestamptz default statement_timestamp());

-- case: default expression with a cast
-- a
create table t (id int, due date);
-- b
create table t (id int, due date default (current_date + 7));

-- case: not null set
-- a
create table t (id int, name text);
-- b
create table t (id int, name text not null);

-- case: not null on several columns dropped
-- a
create table t (id int not null, a text not null, b text not null);
-- b
create table t (id int not null, a text, b text);

-- case: serial column added
-- a
create table t (name text);
-- b
create table t (name text, id serial);

-- case: int becomes bigserial
-- a
create table t (id int primary key);
-- b
create table t (id bigserial primary key);

-- case: column comment
-- a
create table t (id int, email text);
-- b
create table t (id int, email text);
comment on column t.email is 'lower-cased address';

-- case: column storage and statistics
-- a
create table t (id int, body text);
-- b
create table t (id int, body text);
alter table t alter column body set storage external;
alter table t alter column body set statistics 500;

-- case: column attribute options
-- a
create table t (id int, kind text);
-- b
create table t (id int, kind text);
alter table t alter column kind set (n_distinct = 12);

-- case: column compression
-- a
create table t (id int, body text);
-- b
create table t (id int, body text compression pglz);

-- case: drop a column and add another with a new name
-- a
create table t (id int, full_name text);
-- b
create table t (id int, display_name text);

-- case: type change keeps default and not null
-- a
create table t (id int, qty smallint not null default 1);
-- b
create table t (id int, qty int not null default 1);

-- case: uuid column becomes text
-- a
create table t (id uuid);
-- b
create table t (id text);

-- case: column of a numeric domain becomes a date
-- a
create domain amount as numeric(12, 2) check (value >= 0);
create table ledger (id int primary key, booked amount);
-- b
create table ledger (id int primary key, booked date);

-- case: NOT NULL constraints named by hand (PostgreSQL 18 names them)
-- a
create table crate (id int constraint crate_id_required not null, label text not null, note text);
-- b
create table crate (id int constraint crate_id_present not null, label text not null, note text constraint crate_note_required not null);
create table pallet (id int constraint pallet_id_required not null);

-- case: default and view with a minus applied to a cast constant
-- a
create table gauge (id int primary key, level int);
-- b
create table gauge (id int primary key, level int default -1::integer);
create view gauge_offset as select id, level - -1::integer as raised, -2::bigint as floor from gauge;
