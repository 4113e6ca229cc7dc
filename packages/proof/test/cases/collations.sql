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

-- case: a rebuilt collation's old copy goes after a column that moves to another collation
-- a
create collation ci (provider = icu, locale = 'und-u-ks-level2', deterministic = true);
create table co (id integer, name text collate ci, other text collate ci);
-- b
create collation ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
create table co (id integer, name text collate "C", other text collate ci);

-- case: a domain over a rebuilt collation is rebuilt, its old copy dropped after its columns move
-- a
create collation ci (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
create domain ctext as text collate ci;
create table co (n ctext);
-- b
create collation ci (provider = icu, locale = 'und-u-ks-level1', deterministic = false);
create domain ctext as text collate ci;
create table co (n ctext);
