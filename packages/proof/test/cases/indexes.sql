-- case: plain index created
-- a
create table t (id int, name text);
-- b
create table t (id int, name text);
create index t_name_idx on t (name);

-- case: unique index
-- a
create table t (email text);
-- b
create table t (email text);
create unique index t_email_key on t (email);

-- case: partial index
-- a
create table t (id int, deleted_at timestamptz);
-- b
create table t (id int, deleted_at timestamptz);
create index t_live_idx on t (id) where deleted_at is null;

-- case: partial index predicate changes
-- a
create table t (id int, status text);
create index t_open_idx on t (id) where status = 'open';
-- b
create table t (id int, status text);
create index t_open_idx on t (id) where status in ('open', 'pending');

-- case: expression index
-- a
create table t (email text);
-- b
create table t (email text);
create unique index t_email_lower_key on t (lower(email));

-- case: text_pattern_ops opclass
-- a
create table t (path text);
-- b
create table t (path text);
create index t_path_prefix_idx on t (path text_pattern_ops);

-- case: include columns
-- a
create table t (id int, a text, b text);
-- b
create table t (id int, a text, b text);
create index t_id_idx on t (id) include (a, b);

-- case: hash index
-- a
create table t (token text);
-- b
create table t (token text);
create index t_token_hash on t using hash (token);

-- case: gin on jsonb
-- a
create table t (data jsonb);
-- b
create table t (data jsonb);
create index t_data_gin on t using gin (data jsonb_path_ops);

-- case: gin on a tsvector expression
-- a
create table doc (body text);
-- b
create table doc (body text);
create index doc_fts_idx on doc using gin (to_tsvector('english', body));

-- case: brin index with storage parameter
-- a
create table reading (at timestamptz, value float8);
-- b
create table reading (at timestamptz, value float8);
create index reading_at_brin on reading using brin (at) with (pages_per_range = 32);

-- case: gist on a range
-- a
create table booking (during tstzrange);
-- b
create table booking (during tstzrange);
create index booking_during_gist on booking using gist (during);

-- case: descending nulls first
-- a
create table t (score int, at timestamptz);
-- b
create table t (score int, at timestamptz);
create index t_rank_idx on t (score desc nulls first, at asc nulls last);

-- case: index columns change
-- a
create table t (a int, b int, c int);
create index t_multi_idx on t (a, b);
-- b
create table t (a int, b int, c int);
create index t_multi_idx on t (a, c);

-- case: index renamed
-- a
create table t (a int);
create index t_a_idx on t (a);
-- b
create table t (a int);
create index t_a_lookup on t (a);

-- case: index fillfactor changes
-- a
create table t (a int);
create index t_a_idx on t (a) with (fillfactor = 90);
-- b
create table t (a int);
create index t_a_idx on t (a) with (fillfactor = 50);

-- case: index with a column collation
-- a
create table t (name text);
-- b
create table t (name text);
create index t_name_c_idx on t (name collate "C");

-- case: index on a materialized view
-- a
create table t (id int, v int);
create materialized view mv as select id, sum(v) as total from t group by id;
-- b
create table t (id int, v int);
create materialized view mv as select id, sum(v) as total from t group by id;
create unique index mv_id_key on mv (id);

-- case: index comment
-- a
create table t (a int);
create index t_a_idx on t (a);
-- b
create table t (a int);
create index t_a_idx on t (a);
comment on index t_a_idx is 'lookup by a';

-- case: index in another schema
-- a
create schema app;
create table app.t (a int);
-- b
create schema app;
create table app.t (a int);
create index t_a_idx on app.t (a);

-- case: storage parameters of a primary key's and a unique constraint's index change in place
-- a
create table t (a int primary key, b int, c int unique with (fillfactor=80), d int, unique (d) deferrable);
create table r (a int references t);
-- b
create table t (a int, b int, c int, d int, primary key (a) with (fillfactor=60),
  unique (c) with (deduplicate_items=off, fillfactor=70), unique (d) with (fillfactor=50) deferrable);
create table r (a int references t);

-- case: keys created with storage parameters, deferrable, with INCLUDE
-- a
create table t (a int);
-- b
create table t (a int, b int, c int, primary key (a) include (b) with (fillfactor=60),
  unique (b, c) with (fillfactor=70) deferrable initially deferred);

-- case: storage parameters of a partitioned table's key
-- a
create table p (a int, b int, primary key (a) with (fillfactor=80)) partition by range (a);
create table p1 partition of p for values from (0) to (10);
-- b
create table p (a int, b int, primary key (a) with (fillfactor=60)) partition by range (a);
create table p1 partition of p for values from (0) to (10);

-- case: statistics target of an expression index column
-- a
create table t (c text, d text);
create index t_lower_idx on t (lower(c), d, upper(d));
alter index t_lower_idx alter column 3 set statistics 200;
-- b
create table t (c text, d text);
create index t_lower_idx on t (lower(c), d, upper(d));
alter index t_lower_idx alter column 1 set statistics 500;

-- case: index created with a statistics target
-- a
create table t (c text);
-- b
create table t (c text);
create index t_lower_idx on t (lower(c));
alter index t_lower_idx alter column 1 set statistics 500;

-- case: index, check and statistics over a NOT IN list of columns while a column is retyped
-- a
create table t (id int primary key, a int, b int, c bool);
create index t_ix on t (((a not in (b, b + 1, 7))));
alter table t add constraint t_ck check (a not in (b, 0) and c or b between 1 and 5 and c);
create statistics t_st on ((a in (b, 3) or c)), b from t;
-- b
create table t (id int primary key, a bigint, b int, c bool);
create index t_ix on t (((a not in (b, b + 1, 7))));
alter table t add constraint t_ck check (a not in (b, 0) and c or b between 1 and 5 and c);
create statistics t_st on ((a in (b, 3) or c)), b from t;
