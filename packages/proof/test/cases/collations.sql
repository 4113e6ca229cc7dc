-- case: create a libc collation
-- a
-- b
create collation c1 (locale = 'C');

-- case: collation copied from another
-- a
-- b
create collation byte_order from "C";

-- case: column uses a new collation
-- a
create table t (name text);
-- b
create collation c1 (locale = 'C');
create table t (name text collate c1);

-- case: column switches between collations
-- a
create collation c1 (locale = 'C');
create collation c2 (locale = 'POSIX');
create table t (name text collate c1);
-- b
create collation c1 (locale = 'C');
create collation c2 (locale = 'POSIX');
create table t (name text collate c2);

-- case: index with a custom collation
-- a
create collation c1 (locale = 'C');
create table t (name text);
-- b
create collation c1 (locale = 'C');
create table t (name text);
create index t_name_c1_idx on t (name collate c1);

-- case: collation in a schema used by a domain
-- a
create schema app;
-- b
create schema app;
create collation app.bytes (locale = 'C');
create domain app.label as text collate app.bytes;

-- case: collation with separate lc_collate and lc_ctype
-- a
-- b
create collation split_c (lc_collate = 'C', lc_ctype = 'C');
