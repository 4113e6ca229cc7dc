-- case: primary key added
-- a
create table t (id int not null, name text);
-- b
create table t (id int not null primary key, name text);

-- case: primary key changes columns
-- a
create table t (a int not null, b int not null, constraint t_pkey primary key (a));
-- b
create table t (a int not null, b int not null, constraint t_pkey primary key (a, b));

-- case: primary key renamed
-- a
create table t (id int, constraint t_pkey primary key (id));
-- b
create table t (id int, constraint t_id_pk primary key (id));

-- case: primary key with included column
-- a
create table t (id int primary key, label text);
-- b
create table t (id int, label text, constraint t_pkey primary key (id) include (label));

-- case: unique constraint added
-- a
create table t (id int, email text);
-- b
create table t (id int, email text, constraint t_email_key unique (email));

-- case: multi-column unique becomes single-column
-- a
create table t (a int, b int, constraint t_ab_key unique (a, b));
-- b
create table t (a int, b int, constraint t_ab_key unique (a));

-- case: deferrable unique
-- a
create table t (pos int, constraint t_pos_key unique (pos));
-- b
create table t (pos int, constraint t_pos_key unique (pos) deferrable initially deferred);

-- case: deferrable unique becomes initially immediate
-- a
create table t (pos int, constraint t_pos_key unique (pos) deferrable initially deferred);
-- b
create table t (pos int, constraint t_pos_key unique (pos) deferrable initially immediate);

-- case: check constraint added
-- a
create table t (qty int);
-- b
create table t (qty int, constraint t_qty_check check (qty >= 0));

-- case: check constraint changed
-- a
create table t (qty int, constraint qty_range check (qty >= 0));
-- b
create table t (qty int, constraint qty_range check (qty >= 0 and qty < 1000));

-- case: multi-column check
-- a
create table t (starts date, ends date);
-- b
create table t (starts date, ends date, constraint t_period check (ends is null or ends >= starts));

-- case: check not valid
-- a
create table t (qty int);
-- b
create table t (qty int);
alter table t add constraint t_qty_positive check (qty > 0) not valid;

-- case: check becomes valid
-- a
create table t (qty int);
alter table t add constraint t_qty_positive check (qty > 0) not valid;
-- b
create table t (qty int, constraint t_qty_positive check (qty > 0));

-- case: check no inherit
-- a
create table t (qty int, constraint t_qty_check check (qty > 0));
-- b
create table t (qty int, constraint t_qty_check check (qty > 0) no inherit);

-- case: exclusion constraint on a range column
-- a
create table booking (room int, during tstzrange);
-- b
create table booking (room int, during tstzrange, constraint booking_no_overlap exclude using gist (during with &&));

-- case: exclusion constraint deferrable with a predicate
-- a
create table booking (during daterange, cancelled boolean not null default false);
-- b
create table booking (during daterange, cancelled boolean not null default false,
  constraint booking_no_overlap exclude using gist (during with &&) where (not cancelled) deferrable initially deferred);

-- case: constraint comment
-- a
create table t (qty int, constraint t_qty_check check (qty > 0));
-- b
create table t (qty int, constraint t_qty_check check (qty > 0));
comment on constraint t_qty_check on t is 'no zero or negative quantities';

-- case: unique constraint with include
-- a
create table t (code text, label text);
-- b
create table t (code text, label text, constraint t_code_key unique (code) include (label));

-- case: exclusion constraints over a function and a column that are created anew
-- a
create function norm(code text) returns text language sql immutable as $$ select lower(code) $$;
create table t (a int, code text, total int,
  constraint t_excl exclude using btree ((norm(code)) with =) where (norm(code) <> ''),
  constraint t_total exclude using btree ((total + 0) with =));
-- b
create function norm(input text) returns text language sql immutable as $$ select lower(input) $$;
create table t (a int, code text, total int generated always as (a * 2) stored,
  constraint t_excl exclude using btree ((norm(code)) with =) where (norm(code) <> ''),
  constraint t_total exclude using btree ((total + 0) with =));
